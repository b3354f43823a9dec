// A score sheet read against the paper: which column is which, and every cell checked, each problem
// located by sheet, row and column.
import { finding, type Diagnostic } from "../diagnostic.js";
import type { SheetArgs, SheetIssue } from "../findings.js";
import type { Sitting } from "./sitting.js";
import { choiceKey, subKey, TRUE_FALSE_LETTERS, type QuestionUnit } from "./units.js";

export type CellValue = string | number | null;

/** A table as read from a CSV file or a worksheet: the first row is the header. */
export interface RawTable {
  file: string;
  /** Worksheet name (XLSX only). */
  sheet?: string;
  rows: CellValue[][];
}

export interface SheetOptions {
  /** A blank score cell means 0 (otherwise it is an error). */
  blankAsZero?: boolean;
}

export const ID_HEADER = "准考证号";
const ID_HEADERS = /^(准考证号|考号|考生号|学号|id|candidate)$/i;
const IGNORED_HEADERS = /^(姓名|name|总分|total|备注|note)$/i;

type Column =
  | { kind: "id" }
  | { kind: "ignored" }
  | { kind: "score"; key: string; points: number }
  | { kind: "choice"; number: number; letters: string; single: boolean; type: string };

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name;
  return name;
}

const normalizeHeader = (h: CellValue) => String(h ?? "").replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "");

type SheetCode = "sheet-unknown-column" | "sheet-duplicate-column" | "sheet-missing-column" | "sheet-empty" | "sheet-missing-id" | "sheet-duplicate-id" | "sheet-bad-score" | "sheet-bad-choice" | "sheet-no-candidates";

class Findings {
  readonly list: Diagnostic[] = [];
  constructor(private readonly table: RawTable) {}
  add(code: SheetCode, row: number, col: number | undefined, issue: SheetIssue, header?: string): void {
    const args: SheetArgs = { row, ...issue };
    if (this.table.sheet !== undefined) args.sheet = this.table.sheet;
    if (col !== undefined) args.column = columnName(col);
    if (col !== undefined && header) args.header = header;
    this.list.push(finding(code, args, { file: this.table.file, path: [], line: row, col: (col ?? 0) + 1 }));
  }
}

function classify(header: string, units: ReadonlyMap<number, QuestionUnit>): Column | SheetIssue {
  if (ID_HEADERS.test(header)) return { kind: "id" };
  if (IGNORED_HEADERS.test(header)) return { kind: "ignored" };
  let m = /^(\d+)$/.exec(header);
  if (m) {
    const u = units.get(Number(m[1]));
    return u ? { kind: "score", key: u.key, points: u.points } : { issue: "no-question", number: Number(m[1]) };
  }
  m = /^(\d+)\((\d+)\)$/.exec(header);
  if (m) {
    const u = units.get(Number(m[1]));
    if (!u) return { issue: "no-question", number: Number(m[1]) };
    const s = u.subs[Number(m[2]) - 1];
    if (!s) return { issue: "sub-count", number: u.number, subs: u.subs.length, asked: Number(m[2]) };
    return { kind: "score", key: s.key, points: s.points };
  }
  m = /^(\d+)(选项|option|choice)$/i.exec(header);
  if (m) {
    const u = units.get(Number(m[1]));
    if (!u) return { issue: "no-question", number: Number(m[1]) };
    if (!u.choice) return { issue: "not-choice", number: u.number, type: u.type };
    return { kind: "choice", number: u.number, letters: u.choice.letters, single: u.choice.single, type: u.type };
  }
  return { issue: "unknown-column", idHeader: ID_HEADER };
}

function scoreCell(value: CellValue, points: number, blankAsZero: boolean): number | SheetIssue {
  const text = typeof value === "number" ? "" : String(value ?? "").trim();
  if (value === null || (typeof value === "string" && text === "")) return blankAsZero ? 0 : { issue: "blank-score" };
  const n = typeof value === "number" ? value : /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) return { issue: "not-a-number", text };
  if (n < 0) return { issue: "negative", score: n };
  if (n > points) return { issue: "over-points", score: n, points };
  return n;
}

/** How a true-false mark may be written in a sheet cell, read as T or F. */
const TRUTH_MARKS: Readonly<Record<string, string>> = { "√": "T", "✓": "T", 对: "T", TRUE: "T", "1": "T", "×": "F", "✗": "F", 错: "F", FALSE: "F", "0": "F" };

function choiceCell(value: CellValue, letters: string, single: boolean, type: string): string | SheetIssue {
  const raw = String(value ?? "").replace(/[\s,，、]/g, "").toUpperCase();
  const text = letters === TRUE_FALSE_LETTERS ? (TRUTH_MARKS[raw] ?? raw) : raw;
  if (text === "") return "";
  const bad = [...text].filter((ch) => !letters.includes(ch));
  if (bad.length) return { issue: "bad-letters", value: String(value), letters };
  if (single && text.length > 1) return { issue: "single-letter", value: String(value), type };
  return [...new Set(text)].sort().join("");
}

/** Maps header cells to columns; every problem of the header row is a finding. */
function readHeader(table: RawTable, units: readonly QuestionUnit[], findings: Findings): Map<number, Column> {
  const byNumber = new Map(units.map((u) => [u.number, u]));
  const columns = new Map<number, Column>();
  const seen = new Map<string, number>();
  (table.rows[0] ?? []).forEach((cell, col) => {
    const header = normalizeHeader(cell);
    if (header === "") return;
    const column = classify(header, byNumber);
    if ("issue" in column) return findings.add("sheet-unknown-column", 1, col, column, header);
    const name = column.kind === "score" ? column.key : column.kind === "choice" ? choiceKey(column.number) : column.kind;
    if (column.kind !== "ignored" && seen.has(name)) return findings.add("sheet-duplicate-column", 1, col, { issue: "column-twice", name, first: columnName(seen.get(name)!) }, header);
    seen.set(name, col);
    columns.set(col, column);
  });
  if (!seen.has("id")) findings.add("sheet-missing-column", 1, undefined, { issue: "no-id-column", idHeader: ID_HEADER });
  for (const u of units) {
    const subs = u.subs.filter((s) => seen.has(s.key));
    if (seen.has(u.key) && subs.length) findings.add("sheet-duplicate-column", 1, seen.get(subs[0]!.key), { issue: "whole-and-parts", number: u.number, whole: u.key, part: subs[0]!.key });
    else if (!seen.has(u.key) && subs.length === 0) findings.add("sheet-missing-column", 1, undefined, { issue: "no-column", number: u.number, whole: u.key, parts: u.subs.map((s) => s.key) });
    else if (!seen.has(u.key) && subs.length < u.subs.length) {
      const missing = u.subs.filter((s) => !seen.has(s.key)).map((s) => s.key);
      findings.add("sheet-missing-column", 1, undefined, { issue: "missing-parts", number: u.number, missing });
    }
  }
  return columns;
}

const isBlankRow = (row: readonly CellValue[]) => row.every((c) => c === null || String(c).trim() === "");

/** Reads and checks a score sheet against the paper's questions: the sitting, or every problem found. */
export function readScoreTable(table: RawTable, units: readonly QuestionUnit[], name: string, options: SheetOptions = {}): { sitting?: Sitting; diagnostics: Diagnostic[] } {
  const findings = new Findings(table);
  if (table.rows.length === 0 || isBlankRow(table.rows[0]!)) {
    findings.add("sheet-empty", 1, undefined, { issue: "empty" });
    return { diagnostics: findings.list };
  }
  const columns = readHeader(table, units, findings);
  if (findings.list.length) return { diagnostics: findings.list };

  const candidates: string[] = [];
  const scores = new Map<string, number[]>();
  const choices = new Map<number, string[]>();
  const firstRow = new Map<string, number>();
  table.rows.slice(1).forEach((row, r) => {
    if (isBlankRow(row)) return;
    const rowNumber = r + 2;
    for (const [col, column] of columns) {
      const value = row[col] ?? null;
      const header = normalizeHeader(table.rows[0]![col] ?? null);
      if (column.kind === "id") {
        const id = String(value ?? "").trim();
        if (id === "") findings.add("sheet-missing-id", rowNumber, col, { issue: "no-id" }, header);
        else if (firstRow.has(id)) findings.add("sheet-duplicate-id", rowNumber, col, { issue: "id-twice", id, firstRow: firstRow.get(id)! }, header);
        else firstRow.set(id, rowNumber);
        candidates.push(id);
      } else if (column.kind === "score") {
        const score = scoreCell(value, column.points, options.blankAsZero ?? false);
        if (typeof score !== "number") findings.add("sheet-bad-score", rowNumber, col, score, header);
        else (scores.get(column.key) ?? scores.set(column.key, []).get(column.key)!).push(score);
      } else if (column.kind === "choice") {
        const chosen = choiceCell(value, column.letters, column.single, column.type);
        if (typeof chosen !== "string") findings.add("sheet-bad-choice", rowNumber, col, chosen, header);
        else (choices.get(column.number) ?? choices.set(column.number, []).get(column.number)!).push(chosen);
      }
    }
  });
  if (candidates.length === 0 && findings.list.length === 0) findings.add("sheet-no-candidates", 2, undefined, { issue: "no-candidates" });
  if (findings.list.length) return { diagnostics: findings.list };
  return { sitting: { name, candidates, scores, choices }, diagnostics: [] };
}

/** The header row of an empty sheet for the paper: id, every question (a case by sub-question), choice columns. */
export function templateHeader(units: readonly QuestionUnit[]): string[] {
  const scores = units.flatMap((u) => (u.subs.length ? u.subs.map((s) => subKey(u.number, s.index)) : [u.key]));
  const choiceColumns = units.filter((u) => u.choice).map((u) => choiceKey(u.number));
  return [ID_HEADER, ...scores, ...choiceColumns];
}

/** A sitting as sheet rows (header first), the inverse of readScoreTable: for simulated sittings and tests. */
export function sittingRows(units: readonly QuestionUnit[], sitting: Sitting): string[][] {
  const header = templateHeader(units).filter((h) => !h.endsWith("选项") || sitting.choices.has(Number(h.slice(0, -2))));
  const rows = sitting.candidates.map((id, c) =>
    header.map((h, k) => {
      if (k === 0) return id;
      if (h.endsWith("选项")) return sitting.choices.get(Number(h.slice(0, -2)))![c]!;
      return String(sitting.scores.get(h)?.[c] ?? "");
    }),
  );
  return [header, ...rows];
}
