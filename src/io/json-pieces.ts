import { transcode } from "node:buffer";
import { countJsonKeyMarksInBytes, inspectKeys } from "./document-keys.js";

/*
 * A large bank file in JSON is one object holding one long array of questions. Decoding its 5 MB of
 * UTF-8 into one string and parsing that puts the text in memory the process has never touched (a page
 * fault per 4 KiB, slow on a small virtual machine), ten times for a 50,000-question bank. Decoded and
 * parsed a few dozen questions at a time, each piece's text is young garbage in memory that is reused:
 * reading and parsing the 46 MB of a 50,000-question bank took about 0.1 s less CPU (most of it system
 * time) and 40 MB less memory.
 *
 * The pieces are cut at `},{"id"` between array elements (the key that starts the first element), found
 * by a native byte search, not by scanning every byte. A cut that is not between two elements of the
 * array (inside a string, or inside a question) cannot be told from the bytes around it, but JSON.parse
 * of the pieces rejects it: the text before the first cut, closed with `]}`, parses only if that cut is
 * between elements of an array in the root object, and a piece that parses as `[…]` starts and ends at
 * the same level of the same array, so by induction every cut is between elements of that array.
 * Whatever does not parse this way (and any doubt: a key written twice or `__proto__`, bytes that are
 * not UTF-8) is left to the whole-text reader, which says what is wrong and where.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The bytes of a piece: large enough that there are few, small enough that their text stays young. */
export const PIECE_BYTES = 64 * 1024;

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The offset of the quote that closes the string opened at `open`, or -1. */
function stringEnd(bytes: Buffer, open: number): number {
  let j = open + 1;
  for (;;) {
    j = bytes.indexOf(QUOTE, j);
    if (j === -1) return -1;
    let backslashes = 0;
    while (bytes[j - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j;
    j++;
  }
}

/**
 * Walks the bytes from `from` to `to` outside strings, keeping the stack of open containers (their
 * opening bytes). Stops early, returning the offset of the bracket or brace, where a container opens or
 * closes to leave the stack `stopAtDepth` deep; returns `to` when it gets there outside a string, -1 when
 * a string runs past it.
 */
function walkContainers(bytes: Buffer, from: number, to: number, stack: number[], stopAtDepth: number): number {
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = stringEnd(bytes, i);
      if (i === -1 || i >= to) return -1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) stack.push(c);
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) stack.pop();
    else continue;
    if (stack.length === stopAtDepth) return i;
  }
  return to;
}

/**
 * The first key of the array's first element, as written (`"id"`, quotes included), when the document
 * opens as `{ … "key": [ { "first"…`: elements written alike start with it, and the pieces are cut
 * before it. Undefined for any other opening.
 */
function firstElementKey(bytes: Buffer, within: number): Buffer | undefined {
  const stack: number[] = [];
  const open = walkContainers(bytes, 0, Math.min(within, bytes.length), stack, 3);
  if (open < 0 || stack.length !== 3 || stack[0] !== OPEN_BRACE || stack[1] !== OPEN_BRACKET || stack[2] !== OPEN_BRACE) return undefined;
  let start = open + 1;
  while (isSpace(bytes[start])) start++;
  const end = bytes[start] === QUOTE ? stringEnd(bytes, start) : -1;
  return end === -1 ? undefined : Buffer.from(bytes.subarray(start, end + 1));
}

/** The comma of `} , { key`, spaces allowed, that ends just before `keyAt`; -1 if the bytes are otherwise. */
function commaBefore(bytes: Buffer, keyAt: number): number {
  let i = keyAt - 1;
  while (isSpace(bytes[i])) i--;
  if (bytes[i] !== OPEN_BRACE) return -1;
  i--;
  while (isSpace(bytes[i])) i--;
  if (bytes[i] !== COMMA) return -1;
  const comma = i;
  i--;
  while (isSpace(bytes[i])) i--;
  return bytes[i] === CLOSE_BRACE ? comma : -1;
}

/** Commas between two elements that start with `key`, about `every` bytes apart. */
function cutCandidates(bytes: Buffer, key: Buffer, every: number): number[] {
  const cuts: number[] = [];
  let search = every;
  while (search < bytes.length - every) {
    const keyAt = bytes.indexOf(key, search);
    if (keyAt === -1) break;
    const comma = commaBefore(bytes, keyAt);
    if (comma !== -1) {
      cuts.push(comma);
      search = comma + every;
    } else {
      search = keyAt + 1;
    }
  }
  return cuts;
}

/** UTF-8 to a string; throws on bytes that are not UTF-8 (the whole-text reader then says where). */
function decode(bytes: Buffer): string {
  return transcode(bytes, "utf8", "utf16le").toString("utf16le");
}

/** `[` + bytes from `open` to `close` + `]`, parsed: the two ends (delimiters) are swapped for the brackets, then put back. */
function parseElements(bytes: Buffer, open: number, close: number): { elements: unknown[]; keyMarks: number } {
  const before = bytes[open]!;
  const after = bytes[close]!;
  bytes[open] = OPEN_BRACKET;
  bytes[close] = CLOSE_BRACKET;
  try {
    const text = decode(bytes.subarray(open, close + 1));
    return { elements: JSON.parse(text) as unknown[], keyMarks: countJsonKeyMarksInBytes(bytes, open, close + 1) };
  } finally {
    bytes[open] = before;
    bytes[close] = after;
  }
}

/** What reading in pieces hands over, in the document's order. */
export interface PiecesVisitor {
  /**
   * The root object up to the first cut: its keys so far, the last of them `arrayKey`, whose array
   * holds the elements before the cut. False stops the reading (undefined is returned).
   */
  head(root: Record<string, unknown>, arrayKey: string): boolean;
  /** The next elements of the array. */
  elements(elements: unknown[]): void;
}

/** Keys parsed so far and `":` marks written so far: equal at the end, or a key was written twice. */
class KeyTally {
  keys = 0;
  marks = 0;

  /** Counts a parsed part; false when it holds a `__proto__` key. */
  add(parsed: unknown, keyMarks: number): boolean {
    const inspected = inspectKeys(parsed, false);
    this.keys += inspected.keys;
    this.marks += keyMarks;
    return !inspected.proto;
  }
}

/**
 * Reads the JSON document in `bytes` piece by piece, handing the root and then the array's elements to
 * `visitor` as each piece is parsed, so that a caller may check and keep what it needs and let the rest
 * go. Returns the root's keys after the array (usually none). Undefined when the document cannot be
 * read this way: not one object whose array of objects can be cut (a small file, another shape), a
 * piece that does not parse, a key that may be written twice, `__proto__`, bytes that are not UTF-8;
 * the visitor may then have been called already, and the caller reads the whole text instead.
 * `bytes` is changed while it is read and restored before this returns.
 */
export function visitJsonInPieces(bytes: Buffer, visitor: PiecesVisitor, pieceBytes = PIECE_BYTES): { after: Record<string, unknown> } | undefined {
  // A small file is read whole: a few pieces would save nothing.
  if (bytes.length < 4 * pieceBytes) return undefined;
  const key = firstElementKey(bytes, pieceBytes);
  if (!key) return undefined;
  const cuts = cutCandidates(bytes, key, pieceBytes);
  if (cuts.length < 2) return undefined;
  const first = cuts[0]!;
  const last = cuts[cuts.length - 1]!;
  const tally = new KeyTally();
  try {
    // The head: the root object up to the first cut. Closed with `]}`, it parses only if the cut is
    // outside strings, at the top level of an array that is a value of the root object.
    let headText = decode(bytes.subarray(0, first));
    if (headText.charCodeAt(0) === 0xfeff) headText = headText.slice(1);
    const root = JSON.parse(`${headText}]}`) as Record<string, unknown>;
    // Integer-like keys come first in a JS object whatever their place: the array would not be the last.
    const keys = Object.keys(root);
    if (keys.some((key) => /^\d+$/.test(key))) return undefined;
    const arrayKey = keys[keys.length - 1]!;
    if (!Array.isArray(root[arrayKey]) || !tally.add(root, countJsonKeyMarksInBytes(bytes, 0, first)) || !visitor.head(root, arrayKey)) return undefined;

    for (let i = 0; i + 1 < cuts.length; i++) {
      const piece = parseElements(bytes, cuts[i]!, cuts[i + 1]!);
      if (!tally.add(piece.elements, piece.keyMarks)) return undefined;
      visitor.elements(piece.elements);
    }

    // The tail: the last elements, up to the array's closing bracket, then the rest of the root object.
    const closing = walkContainers(bytes, last + 1, bytes.length, [OPEN_BRACE, OPEN_BRACKET], 1);
    if (closing === -1 || closing === bytes.length || bytes[closing] !== CLOSE_BRACKET) return undefined;
    const tail = parseElements(bytes, last, closing);
    if (!tally.add(tail.elements, tail.keyMarks)) return undefined;
    visitor.elements(tail.elements);

    let next = closing + 1;
    while (isSpace(bytes[next])) next++;
    let after: Record<string, unknown> = {};
    if (bytes[next] === COMMA) {
      after = JSON.parse(`{${decode(bytes.subarray(next + 1))}`) as Record<string, unknown>;
      // A key of the head written again after the array is a key written twice.
      if (!tally.add(after, countJsonKeyMarksInBytes(bytes, next + 1)) || Object.keys(after).some((key) => Object.hasOwn(root, key))) return undefined;
    } else if (decode(bytes.subarray(next)).trim() !== "}") {
      return undefined;
    }
    // As the whole-text reader decides: as many keys parsed as written, else one was written twice.
    return tally.keys === tally.marks ? { after } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JSON document in `bytes` parsed piece by piece: the same value JSON.parse gives for the whole
 * text, keys in the same order, and no key the whole-text reader would refuse. Undefined when it
 * cannot be read so (see visitJsonInPieces): the caller then reads the whole text.
 */
export function parseJsonInPieces(bytes: Buffer, pieceBytes = PIECE_BYTES): { data: unknown } | undefined {
  let root: Record<string, unknown> = {};
  let array: unknown[] = [];
  const visited = visitJsonInPieces(
    bytes,
    {
      head(head, arrayKey) {
        root = head;
        array = head[arrayKey] as unknown[];
        return true;
      },
      elements(elements) {
        for (const element of elements) array.push(element);
      },
    },
    pieceBytes,
  );
  if (!visited) return undefined;
  for (const key of Object.keys(visited.after)) root[key] = visited.after[key];
  return { data: root };
}
