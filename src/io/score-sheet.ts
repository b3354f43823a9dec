// Score sheets on disk: CSV (UTF-8, with or without BOM) and XLSX (the first worksheet, or one named),
// read into a plain table for the core to check; and the empty template sheet for a paper.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { finding, type Diagnostic } from "../core/diagnostic.js";
import type { CellValue, RawTable } from "../core/analysis/sheet.js";

export type SheetFormat = "csv" | "xlsx";

type ExcelJs = typeof import("exceljs");

/**
 * exceljs, loaded when a sheet is read or written (it is large). By require, not import(): the command's
 * bundle loads every package that way (scripts/build.mjs refuses a bundle with an import()).
 */
function excelJs(): ExcelJs {
  return createRequire(import.meta.url)("exceljs") as ExcelJs;
}

export function sheetFormatOf(file: string): SheetFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === ".csv" ? "csv" : ext === ".xlsx" ? "xlsx" : undefined;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): CellValue[][] {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows.map((r) => r.map((c) => (c === "" ? null : c)));
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** CSV text with a BOM (so that spreadsheet programs read the Chinese headers as UTF-8) and CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
  if (v.richText) return v.richText.map((t) => t.text).join("");
  if ("result" in v) return cellValue(v.result);
  if (v.text !== undefined) return cellValue(v.text);
  if (v.error) return v.error;
  return String(value);
}

async function readXlsx(file: string, shown: string, sheetName: string | undefined): Promise<RawTable | Diagnostic[]> {
  const ExcelJS = excelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  } catch (cause) {
    return [finding("bad-sheet", { detail: `${shown} is not a readable XLSX workbook: ${(cause as Error).message}` }, { file: shown, path: [] })];
  }
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(", ");
    return [finding("bad-sheet", { detail: sheetName === undefined ? `${shown} has no worksheet` : `${shown} has no worksheet ${sheetName} (it has ${names})` }, { file: shown, path: [] })];
  }
  const rows: CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    // exceljs rows are 1-based: index 0 is always empty.
    rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, c) => cellValue(values[c + 1])));
  }
  return { file: shown, sheet: sheet.name, rows };
}

/** Reads a CSV or XLSX score sheet into a table; unreadable files are findings. */
export async function readScoreSheet(file: string, shown: string, options: { sheet?: string } = {}): Promise<RawTable | Diagnostic[]> {
  if (!existsSync(file)) return [finding("missing-file", { kind: "score sheet", file: shown })];
  const format = sheetFormatOf(file);
  if (format === "xlsx") return readXlsx(file, shown, options.sheet);
  if (format === "csv") return { file: shown, rows: parseCsv(readFileSync(file, "utf8")) };
  return [finding("bad-sheet", { detail: `score sheet ${shown}: expected a .csv or .xlsx file` })];
}

/** Fixed time in every zip entry of a workbook (walked through the central directory): same sheet, same bytes. */
function fixZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const DOS_DATE = (20 << 9) | (1 << 5) | 1; // 2000-01-01 00:00
  let eocd = out.length - 22;
  while (eocd >= 0 && out.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return out;
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries && out.readUInt32LE(at) === 0x02014b50; e++) {
    out.writeUInt32LE(DOS_DATE << 16, at + 12);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) === 0x04034b50) out.writeUInt32LE(DOS_DATE << 16, local + 10);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** The bytes of an XLSX template: one worksheet with the header row. */
export async function xlsxTemplate(header: readonly string[], sheetName = "成绩"): Promise<Uint8Array> {
  const ExcelJS = excelJs();
  const workbook = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2000, 0, 1));
  workbook.creator = "zujuan";
  workbook.lastModifiedBy = "zujuan";
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]);
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).numFmt = "@";
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return new Uint8Array(fixZipTimes(buffer));
}
