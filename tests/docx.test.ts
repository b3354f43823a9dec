import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assemble, type AssembledForm } from "../src/core/assemble/assemble.js";
import type { Blueprint } from "../src/core/blueprint.js";
import { paperItems } from "../src/core/paper.js";
import { displayStem } from "../src/core/question.js";
import { renderDocxs, type DocxRequest } from "../src/io/docx/index.js";
import { textWidth } from "../src/io/docx/document.js";
import { optionsPerLine } from "../src/io/docx/options.js";
import type { Project } from "../src/io/load-project.js";
import { optionLabel, renumberAnswer } from "../src/io/render/labels.js";
import { kindsIn, PDF_KINDS, type PdfKind } from "../src/io/render/request.js";
import { withChoiceBlank } from "../src/io/render/cjk-lines.js";
import { paperYaml } from "../src/io/write-paper.js";
import { HighsSolver } from "../src/solver/highs.js";
import { ROOT, runCli, tempDir, writeText } from "./helpers/cli.js";
import { child, findAll, openDocx, textOf, zipEntryTimes, type OpenedDocx } from "./helpers/docx-xml.js";
import { bundledProject } from "./helpers/bundled.js";

// The grades blueprints/10421-syllabus.yaml declares, in its order.
const LEVELS = ["识记", "领会", "简单应用", "综合应用"];
const DIFFICULTIES = ["易", "较易", "较难", "难"];

const BLUEPRINT = join(ROOT, "blueprints/10421.yaml");
const solver = new HighsSolver();
let project: Project;
let form: AssembledForm;
const bytes = {} as Record<PdfKind, Uint8Array>;
const docx = {} as Record<PdfKind, OpenedDocx>;

// The documents are checked as a paper answered on the paper itself (score table, answer space); sheet mode below.
const inPaper = () => ({ ...project.blueprint, paper: { ...project.blueprint.paper, answer_mode: "in-paper" as const } });
const request = (blueprint: Blueprint = inPaper()): DocxRequest => ({ paper: form.paper, spec: form.report.spec, blueprint, syllabus: project.syllabus, kinds: PDF_KINDS });
const DOCX_KINDS = kindsIn("docx", PDF_KINDS);

async function renderAll(blueprint: Blueprint = inPaper()): Promise<Record<PdfKind, Uint8Array>> {
  return Object.fromEntries((await renderDocxs(request(blueprint))).map((d) => [d.kind, d.bytes])) as Record<PdfKind, Uint8Array>;
}

beforeAll(async () => {
  project = bundledProject();
  const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 7, solver });
  if (!result.ok) throw new Error("no paper for seed 7");
  form = result.forms[0]!;
  Object.assign(bytes, await renderAll());
  for (const kind of DOCX_KINDS) docx[kind] = openDocx(bytes[kind]);
});

afterAll(() => solver.close());

const isChoice = (type: string) => type === "单项选择题" || type === "多项选择题";

describe("the paper .docx", () => {
  it("has every question, numbered 1…N in order, in the Question style, each choice followed by its options in order", () => {
    const { paragraphs } = docx.paper;
    let at = 0;
    for (const { question, number } of paperItems(form.paper)) {
      const stem = question.kind === "material" ? (question.stem ?? question.material.trim().split(/\n+/)[0]!) : isChoice(question.type) ? withChoiceBlank(displayStem(question)) : displayStem(question);
      const index = paragraphs.findIndex((p, i) => i >= at && p.style === "Question" && p.text === `${number}.\t${stem}`);
      expect(index, `question ${number} (${question.id})`).toBeGreaterThanOrEqual(at);
      at = index + 1;
      if (!isChoice(question.type) || !("options" in question)) continue;
      const options: string[] = [];
      while (paragraphs[at]?.style === "Option") options.push(...paragraphs[at++]!.text.split("\t"));
      expect(options).toEqual(question.options.map((o, i) => `${optionLabel(i)}${o}`));
    }
  });

  it("lays options out four, two or one to a line", () => {
    const lines = docx.paper.paragraphs.filter((p) => p.style === "Option").map((p) => p.text.split("\t").length);
    expect(new Set(lines)).toEqual(new Set([1, 2, 4]));
    expect(optionsPerLine(["甲", "乙", "丙", "丁"], textWidth(false))).toBe(4);
    expect(optionsPerLine(["客户服务的质量管理体系", "乙", "丙", "丁"], textWidth(false))).toBe(2);
    expect(optionsPerLine(["客".repeat(30), "乙"], textWidth(false))).toBe(1);
    // Quotation marks take a full em in the Chinese face: six characters fit a quarter line, six and two quotes do not.
    expect(optionsPerLine(["客户满意度高", "乙", "丙", "丁"], textWidth(false))).toBe(4);
    expect(optionsPerLine(["“客户满意”度高", "乙", "丙", "丁"], textWidth(false))).toBe(2);
  });

  it("has the title block, notices, part and section headings as Word headings, the score table, the case with 请回答", () => {
    const { paragraphs, tables, text } = docx.paper;
    for (const s of ["绝密★考试结束前", "A卷", "广东省高等教育自学考试", "（课程代码 10421）", "本试卷满分100分，考试时间150分钟。", "考生答题注意事项：", "请回答："]) expect(text).toContain(s);
    expect(paragraphs.find((p) => p.style === "Title")?.text).toBe("客户服务管理试卷");
    expect(paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text)).toEqual(project.blueprint.paper.parts.map((p) => p.title));
    const sections = paragraphs.filter((p) => p.style === "Heading2").map((p) => p.text);
    expect(sections).toHaveLength(6);
    expect(sections[0]).toMatch(/^一、单项选择题：本大题共15小题，每小题1分，共15分。/);
    expect(sections[5]).toMatch(/^六、案例分析题：/);
    // The score table, then a 得分 | 评卷人 box at each section.
    expect(tables.slice(1, 7).map((t) => t.rows[0]!.map((c) => c.text))).toEqual(Array.from({ length: 6 }, () => ["得分", "评卷人"]));
    const score = tables[0]!;
    expect(score.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["题号", "一", "二", "三", "四", "五", "六", "总分"],
      ["得分", "", "", "", "", "", "", ""],
      ["评卷人", "", "", "", "", "", "", ""],
    ]);
    const kase = paperItems(form.paper).find((i) => i.question.kind === "material")!.question;
    if (kase.kind !== "material") throw new Error("no case");
    const subs = paragraphs.filter((p) => p.style === "Subquestion").map((p) => p.text);
    expect(subs).toEqual(kase.subquestions.map((s, i) => `（${i + 1}）\t${s.ask}（${s.points}分）`));
  });

  it("in sheet mode (the bundled blueprint) has no score table and no Word 答题卡, and the notices name the 答题卡", async () => {
    const sheetMode = await renderAll(project.blueprint);
    expect(Object.keys(sheetMode).sort()).toEqual(["answers", "paper", "spec"]);
    const paper = openDocx(sheetMode.paper);
    expect(paper.text).not.toContain("评卷人");
    expect(paper.text).toContain("答题卡");
    expect(docx.paper.text).not.toContain("答题卡");
  });

  it("prints no answer, marking point or answer-key label", () => {
    const { text } = docx.paper;
    for (const { question } of paperItems(form.paper)) {
      const keys = question.kind === "material" ? question.subquestions.flatMap((s) => [s.answer, ...s.marking.map((m) => m.point)]) : isChoice(question.type) ? [] : "marking" in question ? [question.answer, ...question.marking.map((m) => m.point)] : [];
      for (const key of keys) for (const line of key.trim().split(/\n+/)) expect(text, question.id).not.toContain(line.trim());
    }
    for (const label of ["参考答案", "评分要点", "答案要点正确"]) expect(text).not.toContain(label);
  });
});

describe("the answer key .docx", () => {
  it("gives every choice question the bank's key in the 题号/答案 grids", () => {
    const key = new Map<number, string>();
    for (const table of docx.answers.tables) {
      const [numbers, answers] = table.rows;
      expect(numbers![0]!.text).toBe("题号");
      expect(answers![0]!.text).toBe("答案");
      numbers!.slice(1).forEach((cell, i) => key.set(Number(cell.text), answers![i + 1]!.text));
    }
    const expected = paperItems(form.paper).flatMap(({ question, number }) => ("options" in question ? [[number, question.answer] as const] : []));
    expect(expected).toHaveLength(20);
    expect([...key.entries()].sort((a, b) => a[0] - b[0])).toEqual(expected);
  });

  it("gives every written question its stem, answer and marking points with their points, and the closing line last", () => {
    const { paragraphs } = docx.answers;
    const marking = paragraphs.filter((p) => p.style === "Marking").map((p) => p.text);
    // Marking points are items of the answer: （1） under a question, ① under a case's sub-question.
    const lists = paperItems(form.paper).flatMap(({ question }) =>
      question.kind === "material" ? question.subquestions.map((s) => ({ marks: s.marking, label: (i: number) => String.fromCodePoint(0x2460 + i) })) : "marking" in question ? [{ marks: question.marking, label: (i: number) => `（${i + 1}）` }] : [],
    );
    const kase = paperItems(form.paper).find((i) => i.question.kind === "material")!.question;
    expect(lists).toHaveLength(5 + 4 + 2 + ("subquestions" in kase ? kase.subquestions.length : 0));
    expect(marking).toEqual(lists.flatMap(({ marks, label }) => marks.map((m, i) => `${label(i)}\t${m.point}（${m.points}分）`)));
    for (const { question, number } of paperItems(form.paper).filter((i) => !isChoice(i.question.type) && i.question.kind !== "material")) {
      expect(paragraphs.some((p) => p.style === "Question" && p.text === `${number}.\t${displayStem(question)}`)).toBe(true);
    }
    for (const { question } of paperItems(form.paper)) {
      // A case's sub-answers number their items at the third level (①), other answers at the second (（1）).
      const answers = question.kind === "material" ? question.subquestions.map((s) => renumberAnswer(s.answer, 3)) : "marking" in question ? [renumberAnswer(question.answer, 2)] : [];
      for (const line of answers.flatMap((a) => a.trim().split(/\n+/))) expect(paragraphs.some((p) => p.style === "Answer" && p.text === line.trim()), question.id).toBe(true);
    }
    expect(paragraphs.at(-1)!.text).toBe("答案要点正确、表述不同者酌情给分。");
  });
});

describe("the 双向细目表 .docx", () => {
  it("has the level, difficulty, target and item tables with the expected rows and columns", () => {
    const [levels, difficulty, targets, items] = docx.spec.tables;
    const { spec } = form.report;
    expect(levels!.columns).toHaveLength(9);
    expect(levels!.rows).toHaveLength(1 + spec.rows.length + 3);
    expect(levels!.rows[0]!.map((c) => c.text)).toEqual(["章", "章名", "层级", ...LEVELS, "合计", "比例"]);
    spec.rows.forEach((r, i) => expect(levels!.rows[i + 1]!.map((c) => c.text).slice(0, 3)).toEqual([`第${["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][i]}章`, r.title, r.tier]));
    spec.rows.forEach((r, i) => expect(levels!.rows[i + 1]![7]!.text).toBe(String(r.points)));
    const total = levels!.rows[1 + spec.rows.length]!;
    expect(total[0]).toEqual({ text: "合计", span: 3 });
    expect(total.slice(1).map((c) => c.text)).toEqual([...LEVELS.map((l) => String(spec.levels[l]!.actual)), "100", "100%"]);
    expect(difficulty!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["难度", ...DIFFICULTIES, "合计"],
      ["实际", ...DIFFICULTIES.map((d) => String(spec.difficulty[d]!.actual)), "100"],
      ["比例", ...DIFFICULTIES.map((d) => `${spec.difficulty[d]!.actual}%`), "100%"],
      ["目标", ...DIFFICULTIES.map((d) => String(spec.difficulty[d]!.target)), "100"],
    ]);
    expect(targets!.rows).toHaveLength(3);
    expect(targets!.columns).toHaveLength(9);
    expect(items!.columns).toHaveLength(8);
    expect(items!.rows).toHaveLength(1 + spec.items.length + 1);
    expect(items!.rows.slice(1, -1).map((r) => Number(r[0]!.text))).toEqual(spec.items.map((i) => i.number));
    expect(items!.rows.at(-1)![0]).toEqual({ text: "合计", span: 6 });
  });

  it("is landscape A4; the paper and key are portrait A4", () => {
    const size = (kind: PdfKind) => findAll(docx[kind].xml("word/document.xml"), "w:pgSz")[0]!.attrs;
    expect(size("paper")).toMatchObject({ "w:w": "11906", "w:h": "16838" });
    expect(size("answers")).toMatchObject({ "w:w": "11906", "w:h": "16838" });
    expect(size("spec")).toMatchObject({ "w:w": "16838", "w:h": "11906", "w:orient": "landscape" });
  });
});

describe("every .docx", () => {
  it("has a footer 第X页（共Y页） with live PAGE and NUMPAGES fields", () => {
    for (const kind of DOCX_KINDS) {
      const footer = docx[kind].xml("word/footer1.xml");
      const instructions = findAll(footer, "w:instrText").map((i) => textOf({ ...i, name: "w:t" }).trim());
      expect(instructions, kind).toEqual(["PAGE", "NUMPAGES"]);
      expect(findAll(footer, "w:fldChar").map((f) => f.attrs["w:fldCharType"])).toEqual(["begin", "separate", "end", "begin", "separate", "end"]);
      expect(textOf(footer)).toMatch(/^10421# .+ 第页（共页）$/);
    }
  });

  it("uses 宋体 小四 body and 黑体 headings as East-Asian fonts with a Times New Roman fallback", () => {
    const styles = docx.paper.xml("word/styles.xml");
    const defaults = child(child(findAll(styles, "w:docDefaults")[0]!, "w:rPrDefault")!, "w:rPr")!;
    expect(child(defaults, "w:rFonts")!.attrs).toMatchObject({ "w:eastAsia": "宋体", "w:ascii": "Times New Roman", "w:hAnsi": "Times New Roman" });
    expect(child(defaults, "w:sz")!.attrs["w:val"]).toBe("24");
    const style = (id: string) => findAll(styles, "w:style").find((s) => s.attrs["w:styleId"] === id)!;
    for (const id of ["Title", "Heading1", "Heading2"]) expect(findAll(style(id), "w:rFonts")[0]!.attrs["w:eastAsia"], id).toBe("黑体");
    expect(findAll(style("Title"), "w:sz")[0]!.attrs["w:val"]).toBe("32");
    expect(style("Question")).toBeDefined();
  });

  it("is byte-identical when rendered again at another time, with fixed dates in core.xml and the zip", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date(Date.UTC(2031, 5, 7, 13, 45, 11)));
      const again = await renderAll();
      for (const kind of DOCX_KINDS) expect(Buffer.from(again[kind]).equals(Buffer.from(bytes[kind])), kind).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    const core = textOf({ name: "x", attrs: {}, children: findAll(docx.paper.xml("docProps/core.xml"), "dcterms:created").concat(findAll(docx.paper.xml("docProps/core.xml"), "dcterms:modified")).map((e) => ({ ...e, name: "w:t" })) });
    expect(core).toBe("2000-01-01T00:00:00Z2000-01-01T00:00:00Z");
    const times = zipEntryTimes(bytes.paper);
    expect(times.length).toBe(Object.keys(docx.paper.entries).length);
    // DOS date 2000-01-01: (2000 - 1980) << 9 | 1 << 5 | 1; time 00:00:00.
    for (const t of times) expect(t, t.name).toMatchObject({ date: (20 << 9) | (1 << 5) | 1, time: 0 });
  });
});

describe("zujuan render --to", () => {
  const paperFile = (dir: string) => writeText(join(dir, "exam.yaml"), paperYaml({ ...form.file, blueprint: BLUEPRINT }));

  it("docx writes the three .docx and no PDF, the same bytes as the library; pdf,docx writes both formats", async () => {
    const dir = tempDir();
    const run = await runCli(["render", paperFile(dir), "--to", "docx", "--out", join(dir, "w")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, "w")).sort()).toEqual(["exam-answers.docx", "exam-paper.docx", "exam-spec.docx"]);
    const sheetMode = await renderAll(project.blueprint);
    for (const kind of DOCX_KINDS) expect(readFileSync(join(dir, "w", `exam-${kind}.docx`)).equals(Buffer.from(sheetMode[kind])), kind).toBe(true);
    const both = await runCli(["render", join(dir, "exam.yaml"), "--to", "pdf,docx", "--only", "paper", "--format", "json"]);
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).files.map((f: { file: string }) => f.file.split("/").pop())).toEqual(["exam-paper.pdf", "exam-paper.docx"]);
    expect(existsSync(join(dir, "exam-paper.docx")) && existsSync(join(dir, "exam-paper.pdf"))).toBe(true);
  });

  it("refuses an unknown format, and a password with docx (a .docx cannot be encrypted), writing nothing", async () => {
    const dir = tempDir();
    const file = paperFile(dir);
    const bad = await runCli(["render", file, "--to", "doc"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--to takes pdf, docx");
    const password = await runCli(["render", file, "--to", "pdf,docx", "--password", "s3cret"]);
    expect(password.code).toBe(2);
    expect(password.stderr).toContain("--password encrypts PDFs only");
    expect(readdirSync(dir)).toEqual(["exam.yaml"]);
  });
});

describe("renderOutputs with formats", () => {
  it("names each paper's documents <base>-<kind>.docx, for several papers at once, without rendering PDFs", async () => {
    const { renderOutputs } = await import("../src/cli/render-outputs.js");
    const jobs = ["x/10421-A", "x/10421-B"].map((base) => ({ paper: form.paper, spec: form.report.spec, base }));
    const result = await renderOutputs(jobs, project, { formats: ["docx"], kinds: ["paper", "spec"] });
    if (!result.ok) throw new Error("render failed");
    expect(result.files.map((f) => f.path)).toEqual(["x/10421-A-paper.docx", "x/10421-A-spec.docx", "x/10421-B-paper.docx", "x/10421-B-spec.docx"]);
    expect(Buffer.from(result.files[0]!.data).equals(Buffer.from((await renderAll(project.blueprint)).paper))).toBe(true);
  });
});
