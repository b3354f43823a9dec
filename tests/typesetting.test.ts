// Typesetting defects seen on real pages, each read back from the PDF (or, for every question of the
// bank, from the line breaker the PDF is drawn with).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble, type AssembledForm } from "../src/core/assemble/assemble.js";
import { paperItems, type Paper } from "../src/core/paper.js";
import type { Question } from "../src/core/question.js";
import type { Project } from "../src/io/load-project.js";
import { BODY, contentWidth, textLines } from "../src/io/render/blocks.js";
import { withChoiceBlank } from "../src/io/render/cjk-lines.js";
import { createDocument } from "../src/io/render/document.js";
import { loadFonts } from "../src/io/render/fonts.js";
import { renderPdfs, type PdfKind } from "../src/io/render/index.js";
import { paperYaml } from "../src/io/write-paper.js";
import { HighsSolver } from "../src/solver/highs.js";
import { ROOT, runCli, tempDir, writeText } from "./helpers/cli.js";
import { pdfPages, pdfRuns, printedLines, squash } from "./helpers/pdf-text.js";
import { bundledProject } from "./helpers/bundled.js";

// The grades blueprints/10421-syllabus.yaml declares, in its order.
const LEVELS = ["识记", "领会", "简单应用", "综合应用"];
const DIFFICULTIES = ["易", "较易", "较难", "难"];

const BLUEPRINT = join(ROOT, "blueprints/10421.yaml");
/** Punctuation that may not start a line (避头). */
const NO_START = /^[，。、；：？！）》」』”’…%,.;:?!)]/;
const solver = new HighsSolver();
let project: Project;
const forms: AssembledForm[] = [];
/** The text runs of each form's paper PDF, rendered once. */
const paperRuns: Awaited<ReturnType<typeof pdfRuns>>[] = [];

async function render(paper: Paper, spec: AssembledForm["report"]["spec"], kinds: PdfKind[]): Promise<Record<string, Uint8Array>> {
  const result = await renderPdfs({ paper, spec, blueprint: project.blueprint, syllabus: project.syllabus, kinds });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return Object.fromEntries(result.pdfs.map((p) => [p.kind, p.bytes]));
}

beforeAll(async () => {
  project = bundledProject();
  for (const seed of [5, 9]) {
    const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed, solver });
    if (!result.ok) throw new Error(`no paper for seed ${seed}`);
    forms.push(result.forms[0]!);
    paperRuns.push(await pdfRuns((await render(result.forms[0]!.paper, result.forms[0]!.report.spec, ["paper"])).paper!));
  }
});

afterAll(() => solver.close());

describe("line breaking of every question in the bank", () => {
  it("never starts a line with closing punctuation, never leaves the blank （　　） alone, and avoids one-character last lines", () => {
    const doc = createDocument({ fonts: loadFonts(), title: "t", subject: "t" });
    // The paper's text width less the widest number label, as for the questions of a paper.
    const width = contentWidth(doc) - 20;
    const texts = project.bank.questions.flatMap((q: Question) => {
      if (q.kind === "single-choice" || q.kind === "multiple-choice") return [withChoiceBlank(q.stem), ...q.options];
      if (q.kind === "material") return [q.material, ...q.subquestions.map((s) => s.ask)];
      return [q.stem ?? ""];
    });
    const problems: string[] = [];
    let blanks = 0;
    for (const t of texts.filter(Boolean)) {
      const lines = textLines(doc, t, BODY, width);
      lines.forEach((line, i) => {
        if (i > 0 && !lines[i - 1]!.last && NO_START.test(line.text)) problems.push(`starts with punctuation: ${line.text}`);
        if (squash(line.text) === "（）") problems.push(`blank alone after: ${lines[i - 1]?.text}`);
        if (line.last && i > 0 && [...squash(line.text)].filter((c) => !NO_START.test(c)).length === 1) problems.push(`one-character last line: ${line.text}`);
      });
      if (t.endsWith("（　　）")) blanks++;
    }
    expect(blanks).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

  it("justifies full lines to the right edge, not the last line of a paragraph", async () => {
    const lines = printedLines(paperRuns[0]!).filter((l) => l.runs.length === 1 && l.runs[0]!.text.length > 30);
    const rights = lines.map((l) => l.runs[0]!.x + l.runs[0]!.width);
    const edge = Math.max(...rights);
    // Long single-run lines are either full (ending at the edge) or the short last line of their paragraph.
    expect(rights.filter((r) => Math.abs(r - edge) < 1.5).length).toBeGreaterThan(lines.length / 2);
  });
});

describe("the paper, across seeds", () => {
  it("has no printed line that starts with closing punctuation or holds only the blank", async () => {
    for (const runs of paperRuns) {
      const lines = printedLines(runs);
      expect(lines.filter((l) => NO_START.test(l.text)).map((l) => l.text)).toEqual([]);
      expect(lines.filter((l) => l.text === "（）").length).toBe(0);
    }
  });

  it("prints the title block, notices, headings and footers with full-width punctuation", async () => {
    const lines = printedLines(paperRuns[0]!);
    const firstQuestion = lines.findIndex((l) => l.text.startsWith("1."));
    const fixed = [...lines.slice(0, firstQuestion), ...lines.filter((l) => /^[一二三四五六七八九十]、|^第[一二三]部分|^10421#/.test(l.text))];
    expect(fixed.length).toBeGreaterThan(10);
    const halfWidth = fixed.filter((l) => /[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/.test(l.text)).map((l) => l.text);
    expect(halfWidth).toEqual([]);
  });
});

describe("the answer key", () => {
  it("keeps a marking point's number (10) clear of its text", async () => {
    const many = project.bank.questions.find((q) => q.type === "论述题" && q.kind === "written" && q.marking.length >= 10);
    expect(many, "a 论述题 with ten or more marking points in the bank").toBeDefined();
    const form = forms[0]!;
    const paper: Paper = { ...form.paper, sections: form.paper.sections.map((s) => (s.type === "论述题" ? { ...s, questions: [many!, ...s.questions.slice(1)] } : s)) };
    const runs = await pdfRuns((await render(paper, form.report.spec, ["answers"])).answers!);
    const labels = runs.filter((r) => /^（\d+）$/.test(r.text));
    const ten = labels.find((r) => r.text === "（10）");
    expect(ten).toBeDefined();
    for (const label of labels) {
      const next = runs.filter((r) => r.page === label.page && Math.abs(r.y - label.y) < 0.5 && r.x > label.x && r.text.trim()).sort((a, b) => a.x - b.x)[0];
      if (next) expect(label.x + label.width, `${label.text} then ${next.text}`).toBeLessThanOrEqual(next.x + 0.25);
    }
  });

  it("numbers each level one way: 21. the question, （1） its items or a case's sub-questions, ① the items of a sub-answer", async () => {
    const form = forms[1]!;
    const text = (await pdfPages((await render(form.paper, form.report.spec, ["answers"])).answers!)).join("");
    expect(text).not.toMatch(/\(\d+\)/);
    const kase = paperItems(form.paper).find((i) => i.question.kind === "material")!;
    const caseText = text.slice(text.indexOf(`${kase.number}.`), text.indexOf("答案要点正确"));
    if (kase.question.kind !== "material") throw new Error("no case");
    expect((caseText.match(/（\d+）/g) ?? []).length).toBe(kase.question.subquestions.length);
    expect(caseText).toContain("①");
  });
});

describe("the 双向细目表", () => {
  it("prints every level, difficulty and type cell of the question list on one line, and no page of the closing line alone", async () => {
    for (const form of forms) {
      const bytes = (await render(form.paper, form.report.spec, ["spec"])).spec!;
      const runs = await pdfRuns(bytes).then((rs) => rs.map((r) => squash(r.text)));
      for (const item of form.report.spec.items) {
        for (const cell of [item.levels.join("、"), item.difficulties.join("、"), item.type]) expect(runs, `${item.number}: ${cell}`).toContain(cell);
      }
      const pages = await pdfPages(bytes);
      expect(pages.at(-1)!).toContain("合计");
    }
    expect([...LEVELS, ...DIFFICULTIES].length).toBe(8);
  });
});

describe("a multiple-choice question in the single-choice list of a hand-made paper", () => {
  it("is rejected by validate (exit 1) and refused by render, which writes nothing", async () => {
    const dir = tempDir();
    const form = forms[0]!;
    const multiple = form.file.sections.find((s) => s.type === "多项选择题")!.questions[0] as string;
    const sections = form.file.sections.map((s) => (s.type === "单项选择题" ? { ...s, questions: [multiple, ...s.questions.slice(1)] } : s));
    const file = writeText(join(dir, "draft.yaml"), paperYaml({ ...form.file, sections, blueprint: BLUEPRINT }));
    const validate = await runCli(["validate", file]);
    expect(validate.code).toBe(1);
    expect(validate.stdout + validate.stderr).toContain(`question ${multiple} is a 多项选择题, placed in the 单项选择题 section`);
    const render = await runCli(["render", file]);
    expect(render.code).toBe(2);
    expect(render.stdout + render.stderr).toContain("wrong-section");
    expect(readdirSync(dir)).toEqual(["draft.yaml"]);
  });
});
