import { displayStem, isChoice, type Question } from "../question.js";
import type { ItemFinding } from "./rules.js";
import { excludesLine, excludesLinks, type Placed } from "./placed.js";
import { keyedIndices, visibleLength } from "./text.js";

/** A keyed option short enough to be a term (not a sentence), and long enough not to be a common word. */
export const KEY_PHRASE_CHARS = [3, 12] as const;

/**
 * A phrase printed in more stems than this is a concept the whole course keeps naming, not one
 * question's answer leaking: pairing every such stem by `excludes` would empty the bank.
 */
export const GIVE_AWAY_MAX_STEMS = 5;

const ABBREVIATION = /(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])/g;

/** What the question asks a candidate to produce: its key phrase (single choice) and abbreviations in its keys. */
function answersOf(q: Question): string[] {
  if (!isChoice(q)) return [];
  const found = new Set<string>();
  for (const k of keyedIndices(q.answer, q.options.length)) {
    const option = q.options[k]!.trim();
    if (q.kind === "single-choice" && visibleLength(option) >= KEY_PHRASE_CHARS[0] && visibleLength(option) <= KEY_PHRASE_CHARS[1] && !/[，。；,;：:、]/.test(option)) found.add(option);
    for (const m of option.matchAll(ABBREVIATION)) found.add(m[0]);
  }
  return [...found];
}

/**
 * A question's answer printed in another question's stem, or a single-choice question whose key is the term a
 * term question prints: on one paper, one gives the other away (Haladyna et al. 2002, guideline 8: keep
 * items independent of one another).
 */
export function giveAways(all: readonly Placed[]): ItemFinding[] {
  const linked = excludesLinks(all);
  const stems = all.map(({ question }) => (question.kind === "term" ? question.term : displayStem(question)).replace(/\s+/g, ""));
  const index = new Map<string, number[]>();
  stems.forEach((stem, i) => {
    for (let k = 0; k + 1 < stem.length; k++) {
      const b = stem.slice(k, k + 2);
      const list = index.get(b);
      if (!list) index.set(b, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });

  const terms = new Map<string, number[]>();
  all.forEach(({ question }, i) => {
    if (question.kind === "term") terms.set(stems[i]!, [...(terms.get(stems[i]!) ?? []), i]);
  });
  // Per printing question, the questions it gives away and what it prints of theirs.
  const leaks = new Map<number, { others: string[]; phrases: string[] }>();
  const report = (printer: number, asker: number, phrase: string) => {
    const [question, other] = [all[printer]!.question, all[asker]!.question];
    if (question.id === other.id || linked(question.id, other.id)) return;
    const leak = leaks.get(printer) ?? { others: [], phrases: [] };
    if (!leak.others.includes(other.id)) leak.others.push(other.id);
    if (!leak.phrases.includes(phrase)) leak.phrases.push(phrase);
    leaks.set(printer, leak);
  };
  all.forEach(({ question }, asker) => {
    for (const phrase of answersOf(question)) {
      // A term question of exactly the key is a give-away however common the term.
      for (const t of terms.get(phrase.replace(/\s+/g, "")) ?? []) report(t, asker, phrase);
      const printers = stemsPrinting(phrase, stems, index, asker);
      if (printers && printers.length <= GIVE_AWAY_MAX_STEMS) for (const p of printers) report(p, asker, phrase);
    }
  });
  return [...leaks].sort((x, y) => x[0] - y[0]).map(([printer, { others, phrases }]) => {
    const { question, origin } = all[printer]!;
    const field = question.kind === "term" ? "term" : question.kind === "material" && !question.stem ? "material" : "stem";
    return { rule: "give-away", id: question.id, location: { file: origin.file, path: [...origin.path, field] }, args: { others, phrases, excludes: excludesLine(question, others) } };
  });
}

/** The other stems that print the phrase, or undefined once there are more than GIVE_AWAY_MAX_STEMS + its own. */
function stemsPrinting(phrase: string, stems: readonly string[], index: ReadonlyMap<string, number[]>, self: number): number[] | undefined {
  const text = phrase.replace(/\s+/g, "");
  if (stems[self]!.includes(text)) return []; // the stem names its own answer: the clang check's business
  let rarest: number[] | undefined;
  for (let k = 0; k + 1 < text.length; k++) {
    const list = index.get(text.slice(k, k + 2));
    if (!list) return [];
    if (!rarest || list.length < rarest.length) rarest = list;
  }
  const found: number[] = [];
  for (const i of rarest ?? []) {
    if (i === self || !stems[i]!.includes(text)) continue;
    found.push(i);
    if (found.length > GIVE_AWAY_MAX_STEMS) return undefined;
  }
  return found;
}
