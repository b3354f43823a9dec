// Score sheets: columns matched to the paper, every bad cell a located error, CSV and XLSX alike.
import { writeFileSync } from "node:fs";
import { messageOf } from "./helpers/messages.js";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnName, readScoreTable, templateHeader, type CellValue } from "../src/core/analysis/sheet.js";
import { questionUnits } from "../src/core/analysis/units.js";
import { parseCsv, readScoreSheet, toCsv, xlsxTemplate } from "../src/io/score-sheet.js";
import { makeBank, rawQuestion } from "./helpers/builders.js";
import { paperOf } from "./helpers/analysis.js";
import { tempDir } from "./helpers/cli.js";

// Questions 1–2 单项选择题 (1 point), 3 简答题 (5 points), 4 案例分析题 (4(1) and 4(2), 10 points each).
const bank = makeBank([rawQuestion("单项选择题", { id: "a" }), rawQuestion("单项选择题", { id: "b" }), rawQuestion("简答题", { id: "c" }), rawQuestion("案例分析题", { id: "d" })]);
const units = questionUnits(paperOf(bank, { 单项选择题: 1, 简答题: 5, 案例分析题: 20 }));
const HEADER = ["准考证号", "1", "2", "3", "4(1)", "4(2)", "1选项"];
const GOOD = ["S1", "1", "0", "4.5", "10", "3", "A"];

const read = (rows: CellValue[][], options = {}) => readScoreTable({ file: "s.csv", rows }, units, "t", options);
const messages = (rows: CellValue[][], options = {}) => read(rows, options).diagnostics.map((d) => [d.code, d.location?.line, d.location?.col, messageOf(d)]);

describe("reading a score sheet", () => {
  it("reads scores by unit and options chosen by question number", () => {
    const { sitting, diagnostics } = read([HEADER, GOOD, ["S2", 0, 1, 5, 0, 0, "b"]]);
    expect(diagnostics).toEqual([]);
    expect(sitting!.candidates).toEqual(["S1", "S2"]);
    expect(sitting!.scores.get("3")).toEqual([4.5, 5]);
    expect(sitting!.scores.get("4(2)")).toEqual([3, 0]);
    expect(sitting!.choices.get(1)).toEqual(["A", "B"]);
  });

  it("accepts full-width brackets, 考号 as the id, a whole case column, and ignores 姓名 and blank rows", () => {
    const { sitting, diagnostics } = read([["考号", "姓名", "1", "2", "3", "4（1）", "4（2）"], ["S1", "张三", 1, 1, 5, 1, 2], [null, null, null], ["S2", "", 0, 0, 0, 0, 0]]);
    expect(diagnostics).toEqual([]);
    expect(sitting!.candidates).toEqual(["S1", "S2"]);
    expect(read([["id", "1", "2", "3", "4"], ["S1", 1, 1, 5, 20]]).diagnostics).toEqual([]);
  });

  it.each<[string, CellValue[][], [string, number, number, string][]]>([
    ["a score above the question's points", [HEADER, GOOD, ["S2", 2, 0, 6, 10, 10, "A"]], [
      ["sheet-bad-score", 3, 2, "row 3, column B (1): score 2 exceeds the 1 point of the question"],
      ["sheet-bad-score", 3, 4, "row 3, column D (3): score 6 exceeds the 5 points of the question"],
    ]],
    ["a non-number", [HEADER, ["S1", "1", "x", "4", "1", "1", ""]], [["sheet-bad-score", 2, 3, 'row 2, column C (2): not a number: "x"']]],
    ["a negative score", [HEADER, ["S1", "1", "0", "-1", "1", "1", ""]], [["sheet-bad-score", 2, 4, "row 2, column D (3): negative score -1"]]],
    ["a blank score", [HEADER, ["S1", "1", "", "4", "1", "1", ""]], [["sheet-bad-score", 2, 3, "row 2, column C (2): blank score (use --blank-as-zero to count blanks as 0)"]]],
    ["a duplicate candidate id", [HEADER, GOOD, GOOD], [["sheet-duplicate-id", 3, 1, "row 3, column A (准考证号): candidate S1 appears twice (first in row 2)"]]],
    ["a missing id", [HEADER, ["", "1", "0", "4", "1", "1", ""]], [["sheet-missing-id", 2, 1, "row 2, column A (准考证号): no candidate id"]]],
    ["a missing question column", [["准考证号", "1", "3", "4(1)", "4(2)"], ["S1", 1, 1, 1, 1]], [["sheet-missing-column", 1, 1, "row 1: no column for question 2"]]],
    ["a missing sub-question column", [["准考证号", "1", "2", "3", "4(1)"], ["S1", 1, 1, 1, 1]], [["sheet-missing-column", 1, 1, "row 1: question 4 is given by sub-question but 4(2) is missing"]]],
    ["no id column", [["1", "2", "3", "4"], [1, 1, 1, 1]], [["sheet-missing-column", 1, 1, "row 1: no candidate id column (headed 准考证号)"]]],
    ["an unknown column", [[...HEADER, "9"], [...GOOD, 1]], [["sheet-unknown-column", 1, 8, "row 1, column H (9): the paper has no question 9"]]],
    ["a duplicated column", [[...HEADER, "3"], [...GOOD, 1]], [["sheet-duplicate-column", 1, 8, "row 1, column H (3): column 3 appears twice (first in column D)"]]],
    ["a case both whole and by part", [[...HEADER, "4"], [...GOOD, 1]], [["sheet-duplicate-column", 1, 5, "row 1, column E: question 4 is given both whole (4) and by sub-question (4(1)): give one"]]],
    ["a sub-question the case lacks", [[...HEADER, "4(3)"], [...GOOD, 1]], [["sheet-unknown-column", 1, 8, "row 1, column H (4(3)): question 4 has 2 sub-questions, not 3"]]],
    ["a choice column for a written question", [[...HEADER, "3选项"], [...GOOD, "A"]], [["sheet-unknown-column", 1, 8, "row 1, column H (3选项): question 3 is a 简答题, not a choice question"]]],
    ["an option that does not exist", [HEADER, ["S1", "1", "0", "4", "1", "1", "F"]], [["sheet-bad-choice", 2, 7, 'row 2, column G (1选项): option "F": expected letters among ABCD']]],
    ["two options for a single choice", [HEADER, ["S1", "1", "0", "4", "1", "1", "AB"]], [["sheet-bad-choice", 2, 7, 'row 2, column G (1选项): option "AB": a 单项选择题 takes one letter']]],
    ["an empty sheet", [], [["sheet-empty", 1, 1, "row 1: the sheet is empty: expected a header row"]]],
    ["a header and no candidates", [HEADER], [["sheet-no-candidates", 2, 1, "row 2: no candidate rows under the header"]]],
  ])("%s is a located error", (_, rows, expected) => {
    expect(messages(rows)).toEqual(expected);
  });

  it("counts blank scores as 0 only when asked", () => {
    const rows = [HEADER, ["S1", "1", "", "4", "1", "1", ""]];
    expect(read(rows, { blankAsZero: true }).sitting!.scores.get("2")).toEqual([0]);
  });

  it("names the worksheet of an XLSX file in every message", () => {
    const result = readScoreTable({ file: "s.xlsx", sheet: "成绩", rows: [HEADER, ["S1", "1", "x", "4", "1", "1", ""]] }, units, "t");
    expect(messageOf(result.diagnostics[0]!)).toBe('sheet 成绩, row 2, column C (2): not a number: "x"');
    expect(result.diagnostics[0]!.location).toMatchObject({ file: "s.xlsx", line: 2, col: 3 });
  });

  it("spreadsheet column names", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("files", () => {
  it("CSV: BOM, quotes, commas and line breaks inside quotes, CRLF", () => {
    expect(parseCsv('\uFEFF准考证号,1\r\n"S,1","2"\r\n"a ""q""",\n')).toEqual([["准考证号", "1"], ["S,1", "2"], ['a "q"', null]]);
    expect(parseCsv(toCsv([["a,b", 'c"d', "e"]]))).toEqual([["a,b", 'c"d', "e"]]);
  });

  it("the template header: id, every question (a case by sub-question), then the choice columns", () => {
    expect(templateHeader(units)).toEqual(["准考证号", "1", "2", "3", "4(1)", "4(2)", "1选项", "2选项"]);
  });

  it("XLSX: a workbook with numbers, text and formulas reads like the CSV", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("成绩");
    sheet.addRow(HEADER);
    sheet.addRow(["S1", 1, 0, { formula: "2+2.5", result: 4.5 }, 10, 3, "A"]);
    sheet.addRow([1002, 0, 1, 5, 0, 0, "b"]);
    const file = join(dir, "s.xlsx");
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const table = await readScoreSheet(file, "s.xlsx");
    if (Array.isArray(table)) throw new Error(JSON.stringify(table[0]));
    expect(table.sheet).toBe("成绩");
    const { sitting, diagnostics } = readScoreTable(table, units, "t");
    expect(diagnostics).toEqual([]);
    expect(sitting!.candidates).toEqual(["S1", "1002"]);
    expect(sitting!.scores.get("3")).toEqual([4.5, 5]);
    const missing = await readScoreSheet(file, "s.xlsx", { sheet: "Sheet9" });
    expect(Array.isArray(missing) && messageOf(missing[0]!)).toBe("s.xlsx has no worksheet Sheet9 (it has 成绩)");
  });

  it("the XLSX template has the header and the same bytes every time", async () => {
    const header = templateHeader(units);
    const first = await xlsxTemplate(header);
    const second = await xlsxTemplate(header);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    // Zip entries carry a time (to 2 seconds) that would differ from run to run: every one is 2000-01-01 00:00.
    const bytes = Buffer.from(first);
    const dates = [];
    for (let at = bytes.indexOf("PK\x03\x04", 0, "latin1"); at >= 0; at = bytes.indexOf("PK\x03\x04", at + 4, "latin1")) dates.push(bytes.readUInt32LE(at + 10));
    expect(dates.length).toBeGreaterThan(3);
    expect(new Set(dates)).toEqual(new Set([(((2000 - 1980) << 9) | (1 << 5) | 1) << 16]));
    const dir = tempDir();
    writeFileSync(join(dir, "t.xlsx"), first);
    const table = await readScoreSheet(join(dir, "t.xlsx"), "t.xlsx");
    expect(!Array.isArray(table) && table.rows).toEqual([header]);
  });
});
