// Reads a .docx back for tests: the zip entries, and word/*.xml parsed into a small element tree.
import { strFromU8, unzipSync } from "fflate";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_, e: string) =>
  e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]!,
);

/** Parses well-formed XML (no DTD, no CDATA: what docx writes) into a tree; throws on mismatched tags. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#root", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const token = /<\?[^?]*\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while ((match = token.exec(xml))) {
    at = token.lastIndex;
    const [, close, name, attrText, selfClose, text] = match;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      top.children.push(decode(text));
    } else if (name === undefined) {
      continue; // the <?xml …?> declaration
    } else if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const [, key, value] of (attrText ?? "").matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[key!] = decode(value!);
      const element: XmlElement = { name, attrs, children: [] };
      top.children.push(element);
      if (!selfClose) stack.push(element);
    }
  }
  if (at !== xml.length || stack.length !== 1) throw new Error(`XML not well formed near offset ${at}`);
  return root;
}

export const elements = (node: XmlElement): XmlElement[] => node.children.filter((c): c is XmlElement => typeof c !== "string");

/** Every descendant element with this name, in document order (not looking inside a match). */
export function findAll(node: XmlElement, name: string): XmlElement[] {
  return elements(node).flatMap((c) => (c.name === name ? [c] : findAll(c, name)));
}

export const child = (node: XmlElement, name: string) => elements(node).find((c) => c.name === name);

/** The text of a paragraph (or any element): w:t text, w:tab as a tab character. */
export function textOf(node: XmlElement): string {
  return node.children
    .map((c) => (typeof c === "string" ? (node.name === "w:t" ? c : "") : c.name === "w:tab" && node.name === "w:r" ? "\t" : textOf(c)))
    .join("");
}

export interface DocxParagraph {
  style: string | undefined;
  text: string;
}

export interface DocxTable {
  /** Grid column widths (twips). */
  columns: number[];
  rows: { text: string; span: number }[][];
}

export interface OpenedDocx {
  entries: Record<string, Uint8Array>;
  xml: (path: string) => XmlElement;
  /** Body paragraphs outside tables, in order. */
  paragraphs: DocxParagraph[];
  tables: DocxTable[];
  /** All the text of word/document.xml, tables included. */
  text: string;
}

function paragraphOf(p: XmlElement): DocxParagraph {
  const style = child(child(p, "w:pPr") ?? { name: "", attrs: {}, children: [] }, "w:pStyle")?.attrs["w:val"];
  return { style, text: textOf(p) };
}

function tableOf(t: XmlElement): DocxTable {
  const columns = findAll(child(t, "w:tblGrid")!, "w:gridCol").map((c) => Number(c.attrs["w:w"]));
  const rows = findAll(t, "w:tr").map((tr) =>
    findAll(tr, "w:tc").map((tc) => ({ text: findAll(tc, "w:p").map(textOf).join("\n"), span: Number(findAll(tc, "w:gridSpan")[0]?.attrs["w:val"] ?? 1) })),
  );
  return { columns, rows };
}

export function openDocx(bytes: Uint8Array): OpenedDocx {
  const entries = unzipSync(bytes);
  const xml = (path: string) => {
    const entry = entries[path];
    if (!entry) throw new Error(`no ${path} in the docx`);
    return parseXml(strFromU8(entry));
  };
  const body = child(child(xml("word/document.xml"), "w:document")!, "w:body")!;
  const paragraphs = elements(body).filter((e) => e.name === "w:p").map(paragraphOf);
  const tables = elements(body).filter((e) => e.name === "w:tbl").map(tableOf);
  return { entries, xml, paragraphs, tables, text: textOf(body) };
}

/** The modification date and time (DOS fields) of every entry in the zip's central directory. */
export function zipEntryTimes(bytes: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: { name: string; time: number; date: number }[] = [];
  for (let i = 0; i + 46 <= bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    found.push({ name: strFromU8(bytes.subarray(i + 46, i + 46 + nameLength)), time: view.getUint16(i + 12, true), date: view.getUint16(i + 14, true) });
    i += 45 + nameLength;
  }
  return found;
}
