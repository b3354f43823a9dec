import { existsSync, readdirSync, readFileSync } from "node:fs";
import { messageOf } from "./helpers/messages.js";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble, type AssembledForm } from "../src/core/assemble/assemble.js";
import { paperItems, type Paper } from "../src/core/paper.js";
import { displayStem, type Question } from "../src/core/question.js";
import { chineseNumeral } from "../src/core/vocabulary.js";
import type { Project } from "../src/io/load-project.js";
import { PDF_KINDS, renderPdfs, type PdfKind, type RenderRequest } from "../src/io/render/index.js";
import { renumberAnswer } from "../src/io/render/labels.js";
import { fullWidthPunctuation } from "../src/core/printed-text.js";
import { paperYaml } from "../src/io/write-paper.js";
import { HighsSolver } from "../src/solver/highs.js";
import { ROOT, runCli, tempDir, writeText } from "./helpers/cli.js";
import { pdfPages, squash } from "./helpers/pdf-text.js";
import { bundledProject } from "./helpers/bundled.js";

// The grades blueprints/10421-syllabus.yaml declares, in its order.
const LEVELS = ["识记", "领会", "简单应用", "综合应用"];
const DIFFICULTIES = ["易", "较易", "较难", "难"];

const BLUEPRINT = join(ROOT, "blueprints/10421.yaml");
const solver = new HighsSolver();
let project: Project;
let form: AssembledForm;
const pdf = {} as Record<PdfKind, Uint8Array>;
const text = {} as Record<PdfKind, string>;
const pages = {} as Record<PdfKind, string[]>;

function request(paper: Paper, extra: Partial<RenderRequest> = {}): RenderRequest {
  return { paper, spec: form.report.spec, blueprint: project.blueprint, syllabus: project.syllabus, kinds: PDF_KINDS, ...extra };
}

async function renderOk(req: RenderRequest): Promise<Record<PdfKind, Uint8Array>> {
  const result = await renderPdfs(req);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => messageOf(d)).join("\n"));
  return Object.fromEntries(result.pdfs.map((p) => [p.kind, p.bytes])) as Record<PdfKind, Uint8Array>;
}

/** Where each needle is found, each after the one before; -1 for one not found in order. */
function positionsInOrder(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = haystack.indexOf(needle, from);
    if (at >= 0) from = at + needle.length;
    return at;
  });
}

const opening = (s: string, n = 8) => squash(s).slice(0, n);
const written = (q: Question) => q.type === "名词解释" || q.type === "简答题" || q.type === "论述题";

beforeAll(async () => {
  project = bundledProject();
  const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 7, solver });
  if (!result.ok) throw new Error("no paper for seed 7");
  form = result.forms[0]!;
  Object.assign(pdf, await renderOk(request(form.paper)));
  for (const kind of PDF_KINDS) {
    pages[kind] = await pdfPages(pdf[kind]);
    text[kind] = pages[kind].join("");
  }
});

afterAll(() => solver.close());

describe("the paper PDF", () => {
  it("prints every question's stem, in order, numbered 1…N", () => {
    const items = paperItems(form.paper);
    const needles = items.map(({ question, number }) => `${number}.${opening(question.kind === "material" ? (question.stem ?? question.material) : displayStem(question))}`);
    expect(positionsInOrder(text.paper, needles).filter((p) => p < 0)).toEqual([]);
  });

  it("has the title block, notices, parts and section headings with their totals; no score table on a sheet-mode paper", () => {
    const p = text.paper;
    for (const s of ["绝密★考试结束前", "广东省高等教育自学考试", "客户服务管理试卷", "（课程代码10421）", "A卷", "本试卷满分100分，考试时间150分钟。", "考生答题注意事项"]) {
      expect(p).toContain(s);
    }
    expect(p).not.toContain("评卷人");
    const headings = project.blueprint.sections.map((s, i) => squash(fullWidthPunctuation(`${chineseNumeral(i + 1)}、${s.title ?? s.type}:${s.instructions}`)));
    expect(headings[0]).toContain("本大题共15小题，每小题1分，共15分");
    const order = positionsInOrder(p, ["第一部分选择题", headings[0]!, headings[1]!, "第二部分非选择题", ...headings.slice(2)]);
    expect(order.every((x) => x >= 0)).toBe(true);
  });

  it("lays out options by their length, and prints the case's sub-questions with their points", () => {
    const items = paperItems(form.paper);
    const choice = items.find(({ question }) => question.type === "单项选择题")!.question as Extract<Question, { options: string[] }>;
    expect(positionsInOrder(text.paper, choice.options.map((o, i) => `${"ABCD"[i]}.${opening(o, 6)}`)).every((x) => x >= 0)).toBe(true);
    const kase = items.find(({ question }) => question.kind === "material")!.question;
    if (kase.kind !== "material") throw new Error("no case");
    const subs = kase.subquestions.map((s, i) => `（${i + 1}）${squash(s.ask)}（${s.points}分）`);
    expect(positionsInOrder(text.paper, ["请回答：", ...subs]).every((x) => x >= 0)).toBe(true);
  });

  it("keeps each question whole on one page: a choice stem with its options, a case with its sub-questions", () => {
    const pageOf = (needle: string) => pages.paper.findIndex((page) => page.includes(needle));
    for (const { question, number } of paperItems(form.paper)) {
      const start = pageOf(`${number}.${opening(question.kind === "material" ? (question.stem ?? question.material) : displayStem(question))}`);
      expect(start, question.id).toBeGreaterThanOrEqual(0);
      const end =
        question.kind === "single-choice" || question.kind === "multiple-choice"
          ? pageOf(`${"ABCDE"[question.options.length - 1]}.${opening(question.options.at(-1)!, 6)}`)
          : question.kind === "material"
            ? pageOf(`（${question.subquestions.length}）${opening(question.subquestions.at(-1)!.ask)}`)
            : start;
      expect(end, question.id).toBe(start);
    }
  });

  it("prints no answer, explanation or marking point", () => {
    const p = text.paper;
    expect(p).not.toContain("参考答案");
    expect(p).not.toContain("评分要点");
    for (const { question } of paperItems(form.paper)) {
      const answers = written(question) && "answer" in question ? [question.answer] : question.kind === "material" ? question.subquestions.map((s) => s.answer) : [];
      const marking = "marking" in question ? question.marking : question.kind === "material" ? question.subquestions.flatMap((s) => s.marking) : [];
      for (const a of answers) expect(p, question.id).not.toContain(opening(String(a), 12));
      // Short marking points are keywords (e.g. 投诉率) that other questions may print as well.
      for (const m of marking.filter((m) => squash(m.point).length >= 8)) expect(p, question.id).not.toContain(squash(m.point));
      if (question.explanation) expect(p, question.id).not.toContain(opening(question.explanation, 12));
    }
  });

  it("puts 第X页（共Y页） on every page", () => {
    const n = pages.paper.length;
    expect(n).toBeGreaterThanOrEqual(4);
    pages.paper.forEach((page, i) => expect(page).toContain(`10421#客户服务管理试卷第${i + 1}页（共${n}页）`));
  });

  it("embeds its fonts as subsets", () => {
    for (const kind of PDF_KINDS) {
      const raw = Buffer.from(pdf[kind]).toString("latin1");
      expect(raw).toContain("/FontFile2");
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
      expect(raw).not.toContain("/Helvetica");
    }
  });
});

describe("the answer key", () => {
  it("gives the choice answers in a grid and every written answer with its marking points", () => {
    const k = text.answers;
    expect(k).toContain("客户服务管理试题参考答案及评分标准");
    const items = paperItems(form.paper);
    for (const type of ["单项选择题", "多项选择题"] as const) {
      const answers = items.flatMap(({ question }) => (question.type === type && "answer" in question ? [question.answer] : []));
      expect(k).toContain(`答案${answers.join("")}`);
    }
    const needles = items.flatMap(({ question, number }) => {
      if (written(question) && "marking" in question) {
        return [`${number}.`, opening(renumberAnswer(question.answer, 2), 12), ...question.marking.map((m, i) => `（${i + 1}）${squash(m.point)}（${m.points}分）`)];
      }
      if (question.kind !== "material") return [];
      return question.subquestions.flatMap((s) => [opening(renumberAnswer(s.answer, 3), 12), ...s.marking.map((m, i) => `${String.fromCodePoint(0x2460 + i)}${squash(m.point)}（${m.points}分）`)]);
    });
    expect(positionsInOrder(k, needles).filter((p) => p < 0)).toEqual([]);
    expect(k).toContain("答案要点正确、表述不同者酌情给分。");
  });
});

describe("the 双向细目表", () => {
  it("has totals equal to the paper's: 100 points, 20/30/30/20 by level and by difficulty", () => {
    const { spec } = form.report;
    expect(spec.total.actual).toBe(100);
    expect(LEVELS.map((l) => spec.levels[l]!.actual)).toEqual([20, 30, 30, 20]);
    const s = text.spec;
    expect(s).toContain("合计20303020100100%");
    expect(s).toContain("目标20303020100");
    expect(s).toContain(`实际${DIFFICULTIES.map((d) => spec.difficulty[d]!.actual).join("")}100`);
    for (const row of spec.rows) expect(s).toContain(`第${chineseNumeral(row.chapter)}章${squash(row.title)}`);
  });

  it("lists every question with type, chapter, level, difficulty, points and minutes", () => {
    const { spec } = form.report;
    const rows = spec.items.map((i) => `${i.number}${i.type}第${chineseNumeral(i.chapter)}章${i.knowledgePoints[0]}`);
    expect(positionsInOrder(text.spec, rows).filter((p) => p < 0)).toEqual([]);
    expect(text.spec).toContain(`合计100${spec.minutes}`);
  });
});

describe("rendering", () => {
  it("gives the same bytes for the same paper", async () => {
    const again = await renderOk(request(form.paper));
    for (const kind of PDF_KINDS) expect(Buffer.from(again[kind]).equals(Buffer.from(pdf[kind])), kind).toBe(true);
  });

  it("encrypts with --password: unreadable without it, readable with it", async () => {
    const locked = await renderOk(request(form.paper, { password: "s3cret 10421!" }));
    for (const kind of PDF_KINDS) {
      await expect(pdfPages(locked[kind])).rejects.toMatchObject({ name: "PasswordException" });
      await expect(pdfPages(locked[kind], "wrong")).rejects.toMatchObject({ name: "PasswordException" });
      expect(Buffer.from(locked[kind]).toString("latin1")).toContain("/Encrypt");
    }
    const opened = await pdfPages(locked.paper, "s3cret 10421!");
    expect(opened.join("")).toBe(text.paper);
  });

  it("refuses a password that PDF readers would not agree on (not printable ASCII)", async () => {
    const result = await renderPdfs(request(form.paper, { password: "考试密码" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]).toMatchObject({ code: "bad-password" });
  });

  it("refuses a character the font lacks, naming it and the question, rather than print a box", async () => {
    const paper: Paper = { ...form.paper, sections: form.paper.sections.map((s) => ({ ...s, questions: [...s.questions] })) };
    const first = paper.sections[0]!.questions[0]!;
    if (first.kind !== "single-choice") throw new Error("expected a 单项选择题 first");
    paper.sections[0]!.questions[0] = { ...first, stem: `${first.stem}𠀀` };
    const result = await renderPdfs(request(paper));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "missing-glyph", severity: "error" });
    expect(messageOf(result.diagnostics[0]!)).toContain("𠀀 (U+20000)");
    expect(messageOf(result.diagnostics[0]!)).toContain(first.id);
  });

  it("checks a --font file too: a Latin-only font cannot print the paper", async () => {
    const latin = join(ROOT, "node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf");
    const result = await renderPdfs(request(form.paper, { kinds: ["spec"], fontFile: latin }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics.map((d) => d.code)).toContain("missing-glyph");
  });
});

describe("zujuan render (end to end)", () => {
  const paperFile = (dir: string, edit: (yaml: string) => string = (y) => y) =>
    writeText(join(dir, "exam.yaml"), edit(paperYaml({ ...form.file, blueprint: BLUEPRINT })));

  it("writes <name>-paper.pdf, -answers.pdf and -spec.pdf, the same bytes every time", async () => {
    const [a, b] = [tempDir(), tempDir()];
    const run = await runCli(["render", paperFile(a)]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(readdirSync(a).sort()).toEqual(["exam-answers.pdf", "exam-paper.pdf", "exam-sheet.pdf", "exam-spec.pdf", "exam.yaml"]);
    const again = await runCli(["render", join(a, "exam.yaml"), "--out", b]);
    expect(again.code).toBe(0);
    for (const kind of PDF_KINDS) expect(readFileSync(join(b, `exam-${kind}.pdf`)).equals(readFileSync(join(a, `exam-${kind}.pdf`))), kind).toBe(true);
    expect(readFileSync(join(a, "exam-paper.pdf")).equals(Buffer.from(pdf.paper))).toBe(true);
  });

  it("writes only what --only asks for", async () => {
    const dir = tempDir();
    const run = await runCli(["render", paperFile(dir), "--only", "paper,spec", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files.map((f: { kind: string }) => f.kind)).toEqual(["paper", "spec"]);
    expect(existsSync(join(dir, "exam-answers.pdf"))).toBe(false);
  });

  it("--only sheet writes the 答题卡 alone; an in-paper blueprint has none: render leaves it out, and --only sheet is refused", async () => {
    const dir = tempDir();
    const sheet = await runCli(["render", paperFile(dir), "--only", "sheet"]);
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["exam-sheet.pdf", "exam.yaml"]);
    const yaml = readFileSync(BLUEPRINT, "utf8")
      .replace("answer_mode: sheet", "answer_mode: in-paper")
      .replace("syllabus: 10421-syllabus.yaml", `syllabus: ${join(ROOT, "blueprints/10421-syllabus.yaml")}`)
      .replace("bank: ../bank/10421", `bank: ${join(ROOT, "bank/10421")}`);
    const inPaper = writeText(join(dir, "in-paper.yaml"), yaml);
    const out = join(dir, "in-paper");
    const all = await runCli(["render", join(dir, "exam.yaml"), "--blueprint", inPaper, "--out", out]);
    expect(all.code, all.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["exam-answers.pdf", "exam-paper.pdf", "exam-spec.pdf"]);
    expect((await pdfPages(readFileSync(join(out, "exam-paper.pdf")))).join("")).toContain("评卷人");
    const refused = await runCli(["render", join(dir, "exam.yaml"), "--blueprint", inPaper, "--only", "sheet", "--out", join(dir, "none")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("answer_mode is in-paper");
    const docxOnly = await runCli(["render", join(dir, "exam.yaml"), "--only", "sheet", "--to", "docx", "--out", join(dir, "none")]);
    expect(docxOnly.code).toBe(2);
    expect(docxOnly.stderr).toContain("PDF only");
  });

  it("exits 2 for an unknown question id, naming it, and writes nothing", async () => {
    const dir = tempDir();
    const id = form.file.sections[0]!.questions[0] as string;
    const run = await runCli(["render", paperFile(dir, (y) => y.replace(`- ${id}\n`, "- no-such-question\n"))]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/exam\.yaml:\d+:\d+.*no-such-question/);
    expect(readdirSync(dir)).toEqual(["exam.yaml"]);
  });

  it("renders a paper that breaks blueprint rules, with a warning naming them", async () => {
    const dir = tempDir();
    const id = form.file.sections[0]!.questions[0] as string;
    const run = await runCli(["render", paperFile(dir, (y) => y.replace(new RegExp(`^ *- ${id}\n`, "m"), ""))]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^warning: the paper breaks \d+ blueprint rules? \(.*section:单项选择题.*\); rendered anyway/m);
    const paper = (await pdfPages(readFileSync(join(dir, "exam-paper.pdf")))).join("");
    expect(paper).toContain("本大题共14小题，每小题1分，共14分。");
  });

  it("exits 2 for an inline question with a character the font lacks", async () => {
    const dir = tempDir();
    const inline = "      - { id: inline-1, chapter: 1, knowledge_point: \"1.1\", level: 识记, difficulty: 易, stem: 𠀀是什么(  ), options: [甲, 乙, 丙, 丁], answer: A }\n";
    const id = form.file.sections[0]!.questions[0] as string;
    const run = await runCli(["render", paperFile(dir, (y) => y.replace(`      - ${id}\n`, inline))]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("𠀀 (U+20000)");
    expect(run.stdout + run.stderr).toContain("inline-1");
    expect(readdirSync(dir)).toEqual(["exam.yaml"]);
  });
});
