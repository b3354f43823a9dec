import { readInputBytes } from "../read-input.js";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { create, type Font } from "fontkit";

/** The two faces the renderer draws with; a --font file serves as both. */
export interface FontPair {
  regular: Font;
  bold: Font;
  /** Shown in diagnostics: the font a character is missing from. */
  name: string;
}

/** Names the faces are registered under in every document. */
export const REGULAR = "body";
export const BOLD = "bold";

const require = createRequire(import.meta.url);
const NOTO = "@expo-google-fonts/noto-serif-sc";

const loaded = new Map<string, Font>();

/**
 * True when every table the font's directory lists lies inside the file. fontkit reads tables lazily,
 * so a cut-off file would otherwise fail only halfway through drawing a page.
 */
function tablesInside(font: Font, size: number): boolean {
  const tables = (font as unknown as { directory?: { tables?: Record<string, { offset: number; length: number }> } }).directory?.tables;
  return tables !== undefined && Object.values(tables).every((t) => t.offset + t.length <= size);
}

/** Parses a font file once per process; a collection (.ttc) gives its first face. */
function loadFont(file: string): Font {
  const cached = loaded.get(file);
  if (cached) return cached;
  const read = readInputBytes(file, "the file");
  if (!read.ok) throw new Error(read.message);
  const bytes = read.bytes;
  const parsed = create(bytes);
  const font = "fonts" in parsed ? parsed.fonts[0] : parsed;
  if (!font || typeof font.layout !== "function") throw new Error("not a TrueType or OpenType font");
  if (!tablesInside(font, bytes.length)) throw new Error("the file is cut short (truncated or damaged)");
  loaded.set(file, font);
  return font;
}

/** Bundled Noto Serif SC (regular and bold), or the given file for both. Throws if a file cannot be read. */
export function loadFonts(fontFile?: string): FontPair {
  if (fontFile !== undefined) {
    const font = loadFont(resolve(fontFile));
    return { regular: font, bold: font, name: font.postscriptName ?? fontFile };
  }
  const regular = loadFont(require.resolve(`${NOTO}/400Regular/NotoSerifSC_400Regular.ttf`));
  const bold = loadFont(require.resolve(`${NOTO}/700Bold/NotoSerifSC_700Bold.ttf`));
  return { regular, bold, name: "Noto Serif SC" };
}
