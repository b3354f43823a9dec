// The two answer modes of a printed paper and the 答题卡 of sheet mode, read back from the PDF bytes.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printedNotices } from "../src/core/answer-mode.js";
import { assemble, type AssembledForm } from "../src/core/assemble/assemble.js";
import type { Blueprint } from "../src/core/blueprint.js";
import { paperItems } from "../src/core/paper.js";
import type { Project } from "../src/io/load-project.js";
import { kindsFor, renderPdfs, type PdfKind } from "../src/io/render/index.js";
import { HighsSolver } from "../src/solver/highs.js";
import { readdirSync } from "node:fs";
import { ROOT, runCli, tempDir } from "./helpers/cli.js";
import { pdfPages, pdfRuns, printedLines } from "./helpers/pdf-text.js";
import { bundledProject } from "./helpers/bundled.js";

const solver = new HighsSolver();
let project: Project;
let forms: AssembledForm[];

const withPaper = (patch: Partial<Blueprint["paper"]>): Blueprint => ({ ...project.blueprint, paper: { ...project.blueprint.paper, ...patch } });

const rendered = new Map<string, Record<string, Uint8Array>>();

/** Renders once per form, blueprint paper settings and kinds (several tests read the same PDFs). */
async function render(form: AssembledForm, blueprint: Blueprint, kinds: PdfKind[]): Promise<Record<string, Uint8Array>> {
  const key = JSON.stringify([forms.indexOf(form), blueprint.paper, kinds]);
  const known = rendered.get(key);
  if (known) return known;
  const fresh = await renderFresh(form, blueprint, kinds);
  rendered.set(key, fresh);
  return fresh;
}

async function renderFresh(form: AssembledForm, blueprint: Blueprint, kinds: PdfKind[]): Promise<Record<string, Uint8Array>> {
  const result = await renderPdfs({ paper: form.paper, spec: form.report.spec, blueprint, syllabus: project.syllabus, kinds });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return Object.fromEntries(result.pdfs.map((p) => [p.kind, p.bytes]));
}

beforeAll(async () => {
  project = bundledProject();
  const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 3, forms: 2, solver });
  if (!result.ok) throw new Error("no papers for seed 3");
  forms = result.forms;
});

afterAll(() => solver.close());

/** The vertical gap after each written question's last line, to the next printed line on its page. */
async function gapsAfterWritten(bytes: Uint8Array, form: AssembledForm): Promise<number[]> {
  return [...(await gapsByNumber(bytes, form)).values()];
}

/** The gap after each written question whose next question starts on the same page, by number. */
async function gapsByNumber(bytes: Uint8Array, form: AssembledForm): Promise<Map<number, number>> {
  const lines = printedLines(await pdfRuns(bytes));
  const written = paperItems(form.paper).filter(({ question }) => ["名词解释", "简答题", "论述题"].includes(question.type));
  return new Map(
    written.flatMap(({ number }): [number, number][] => {
      const next = lines.findIndex((l) => l.text.startsWith(`${number + 1}.`));
      const before = lines[next - 1];
      if (next < 0 || !before || before.page !== lines[next]!.page) return [];
      return [[number, lines[next]!.y - before.y]];
    }),
  );
}

describe("sheet mode (the 自学考试 default)", () => {
  it("is the bundled blueprint's mode, and its kinds include the 答题卡", () => {
    expect(project.blueprint.paper.answer_mode).toBe("sheet");
    expect(kindsFor(project.blueprint)).toEqual(["paper", "answers", "spec", "sheet"]);
    expect(kindsFor(withPaper({ answer_mode: "in-paper" }))).toEqual(["paper", "answers", "spec"]);
  });

  it("prints no score table and no answer space; the notices point to the 答题卡 and no line is printed twice", async () => {
    const sheetMode = await render(forms[0]!, project.blueprint, ["paper"]);
    const inPaper = await render(forms[0]!, withPaper({ answer_mode: "in-paper" }), ["paper"]);
    const text = (await pdfPages(sheetMode.paper!)).join("");
    expect(text).not.toContain("评卷人");
    expect(text).toContain("答题卡");
    expect(text.split("满分").length - 1).toBe(1);
    const compact = await gapsAfterWritten(sheetMode.paper!, forms[0]!);
    const roomy = await gapsAfterWritten(inPaper.paper!, forms[0]!);
    expect(compact.length).toBeGreaterThan(3);
    // One line of text and the space between questions: well under two lines (a line is about 19 pt).
    expect(Math.max(...compact)).toBeLessThan(40);
    // In-paper: at least three lines of room after most (a question before a section heading is followed by the heading).
    expect(roomy.filter((g) => g > 3 * 19).length).toBeGreaterThan(roomy.length / 2);
    expect((await pdfPages(sheetMode.paper!)).length).toBeLessThan((await pdfPages(inPaper.paper!)).length);
  });

  it("prints a line repeated word for word in the notices once only", () => {
    const notices = ["甲。", "乙。", "甲。"];
    expect(printedNotices(withPaper({ notices }))).toEqual(["甲。", "乙。"]);
    expect(printedNotices(withPaper({ notices: { sheet: ["答题卡。"], "in-paper": ["试卷。"] }, answer_mode: "in-paper" }))).toEqual(["试卷。"]);
  });
});

describe("in-paper mode", () => {
  it("prints the score table, a 得分/评卷人 box at each section, and notices that do not mention an answer sheet", async () => {
    const blueprint = withPaper({ answer_mode: "in-paper" });
    const bytes = await render(forms[0]!, blueprint, ["paper"]);
    const text = (await pdfPages(bytes.paper!)).join("");
    expect(text).toContain("题号一二三四五六总分得分评卷人");
    // The table's two rows, then one box per section.
    expect(text.split("得分评卷人").length - 1).toBe(1 + forms[0]!.paper.sections.length);
    for (const word of ["答题卡", "答题纸"]) expect(text).not.toContain(word);
  });

  it("sizes the answer space by points, as the blueprint says", async () => {
    const few = await render(forms[0]!, withPaper({ answer_mode: "in-paper", answer_space: { lines_per_point: 1, min_lines: 2 } }), ["paper"]);
    const many = await render(forms[0]!, withPaper({ answer_mode: "in-paper", answer_space: { lines_per_point: 2, min_lines: 2 } }), ["paper"]);
    // Question by question (where both layouts keep the next question on the same page): never less room, and more for some.
    const [a, b] = [await gapsByNumber(few.paper!, forms[0]!), await gapsByNumber(many.paper!, forms[0]!)];
    const both = [...a.keys()].filter((n) => b.has(n));
    expect(both.length).toBeGreaterThan(0);
    for (const n of both) expect(b.get(n)!).toBeGreaterThanOrEqual(a.get(n)! - 1e-6);
    expect(both.some((n) => b.get(n)! > a.get(n)! + 19)).toBe(true);
  });
});

describe("the 答题卡", () => {
  it("numbers the choice questions as the paper, A–D for single choice and A–E for multiple, in groups of five, for every form", async () => {
    for (const form of forms) {
      const bytes = await render(form, project.blueprint, ["sheet"]);
      const runs = await pdfRuns(bytes.sheet!);
      const choices = paperItems(form.paper).filter(({ question }) => question.type === "单项选择题" || question.kind === "multiple-choice");
      expect(choices.length).toBe(20);
      // Question numbers are printed larger than the letters and digits inside the bubbles.
      const numberRun = (n: number) => runs.find((r) => r.text === String(n) && r.height > 8)!;
      for (const { number, question } of choices) {
        const at = numberRun(number);
        expect(at, `question ${number}`).toBeDefined();
        const row = runs.filter((r) => r.page === at.page && Math.abs(r.y - at.y) < 1.5 && r.x > at.x && r.x < at.x + 110 && r.height < 8).sort((a, b) => a.x - b.x);
        expect(row.map((r) => r.text.trim()).join(""), `question ${number}`).toBe(question.kind === "multiple-choice" ? "ABCDE" : "ABCD");
      }
      // Groups of five: 1–5 one under the other, 6 beside 1; a multiple-choice group starts a new group.
      const [one, five, six] = [numberRun(1), numberRun(5), numberRun(6)];
      expect(Math.abs(one.x + one.width - (five.x + five.width))).toBeLessThan(0.5);
      expect(five.y).toBeGreaterThan(one.y);
      expect(Math.abs(six.y - one.y)).toBeLessThan(0.5);
      expect(six.x).toBeGreaterThan(one.x + 50);
      const firstMultiple = choices.find((c) => c.question.kind === "multiple-choice")!.number;
      expect(Math.abs(numberRun(firstMultiple).y - one.y)).toBeLessThan(0.5);
    }
  });

  it("has a framed answer area for each written question, numbered as the paper, taller for more points", async () => {
    const form = forms[0]!;
    const bytes = await render(form, project.blueprint, ["sheet"]);
    const text = (await pdfPages(bytes.sheet!)).join("");
    for (const s of ["广东省高等教育自学考试", "客户服务管理试卷答题卡", "（课程代码10421）", "A卷", "姓名", "准考证号", "注意事项", "2B铅笔", "超出答题区域书写的答案无效"]) {
      expect(text).toContain(s);
    }
    const labels = paperItems(form.paper).flatMap(({ question, number }) =>
      question.kind === "material" ? question.subquestions.map((_, i) => `${number}.（${i + 1}）`) : question.type.includes("选择") ? [] : [`${number}.`],
    );
    let at = 0;
    for (const label of labels) {
      const found = text.indexOf(`${label}请在各题目`, at);
      expect(found, label).toBeGreaterThanOrEqual(0);
      at = found;
    }
    // Frame heights from one label to the next on the same page, by the points of the question.
    const runs = await pdfRuns(bytes.sheet!);
    const points = new Map(paperItems(form.paper).flatMap(({ question, section, number }): (readonly [string, number])[] =>
      question.kind === "material" ? question.subquestions.map((s, i) => [`${number}.（${i + 1}）`, s.points] as const) : [[`${number}.`, section.points_each] as const],
    ));
    const placed = labels.map((label) => ({ label, run: runs.find((r) => r.text === label)! }));
    const heights = placed.slice(0, -1).flatMap(({ label, run }, i) => {
      const next = placed[i + 1]!.run;
      return next.page === run.page ? [{ points: points.get(label)!, height: next.y - run.y }] : [];
    });
    for (const a of heights) for (const b of heights) if (a.points < b.points) expect(a.height, `${a.points} vs ${b.points} points`).toBeLessThan(b.height);
    expect(new Set(heights.map((h) => h.points)).size).toBeGreaterThan(1);
  });

  it("gives the same bytes for the same paper, and is refused in in-paper mode by the kinds of the blueprint", async () => {
    const [a, b] = [await renderFresh(forms[1]!, project.blueprint, ["sheet"]), await renderFresh(forms[1]!, project.blueprint, ["sheet"])];
    expect(Buffer.from(a.sheet!).equals(Buffer.from(b.sheet!))).toBe(true);
    expect(kindsFor(withPaper({ answer_mode: "in-paper" }))).not.toContain("sheet");
  });
});

describe("zujuan generate in sheet mode", () => {
  it("writes the 答题卡 beside the paper, key and spec; as .docx only the paper, key and spec", async () => {
    const dir = tempDir();
    const run = await runCli(["generate", "--seed", "3", "--out", dir, "--to", "pdf,docx", "--blueprint", join(ROOT, "blueprints/10421.yaml")]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir).filter((f) => !f.startsWith(".")).sort()).toEqual([
      "10421-A-answers.docx", "10421-A-answers.pdf", "10421-A-paper.docx", "10421-A-paper.pdf", "10421-A-sheet.pdf", "10421-A-spec.docx", "10421-A-spec.pdf", "10421-A.yaml",
    ]);
  });
});
