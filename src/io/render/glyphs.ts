import type { Font } from "fontkit";
import { finding, type Diagnostic } from "../../core/diagnostic.js";
import type { Paper } from "../../core/paper.js";
import type { FontPair } from "./fonts.js";
import type { OwnedText, Owner } from "./texts.js";

const coverage = new WeakMap<Font, Map<number, boolean>>();

function covers(font: Font, codePoint: number): boolean {
  let known = coverage.get(font);
  if (!known) coverage.set(font, (known = new Map()));
  let has = known.get(codePoint);
  if (has === undefined) known.set(codePoint, (has = font.hasGlyphForCodePoint(codePoint)));
  return has;
}

const MAX_LISTED = 12;

const ownerKey = (owner: Owner) => ("question" in owner ? `q:${owner.question}` : `s:${owner.source}`);

function describe(ch: string): string {
  return `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
}

/**
 * Characters of the texts that a face of the font cannot draw, one finding per owner (a question, or
 * the blueprint, syllabus, paper or renderer), naming the characters. Whitespace is never drawn as a glyph.
 */
export function missingGlyphs(texts: readonly OwnedText[], fonts: FontPair, paper: Paper): Diagnostic[] {
  const faces = fonts.regular === fonts.bold ? [fonts.regular] : [fonts.regular, fonts.bold];
  const missing = new Map<string, { owner: Owner; chars: Set<string> }>();
  for (const { owner, text } of texts) {
    for (const ch of text) {
      if (/\s/u.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (faces.every((f) => covers(f, cp))) continue;
      const key = ownerKey(owner);
      let entry = missing.get(key);
      if (!entry) missing.set(key, (entry = { owner, chars: new Set() }));
      entry.chars.add(ch);
    }
  }
  return [...missing.values()].map(({ owner, chars }) => {
    const all = [...chars];
    const list = all.slice(0, MAX_LISTED).map(describe).join(", ") + (all.length > MAX_LISTED ? ` and ${all.length - MAX_LISTED} more` : "");
    const font = fonts.name;
    if ("question" in owner) {
      const message = `question ${owner.question} uses ${list}, which the font ${font} cannot print (use --font FILE with a font that has ${chars.size === 1 ? "it" : "them"})`;
      const location = paper.origins.get(owner.question);
      return finding("missing-glyph", { detail: message }, location);
    }
    return finding("missing-glyph", { detail: `the ${owner.source} uses ${list}, which the font ${font} cannot print` });
  });
}
