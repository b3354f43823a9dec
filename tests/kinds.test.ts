import { describe, expect, it } from "vitest";
import * as yaml from "yaml";
import { assemble } from "../src/core/assemble/assemble.js";
import { parseQuestion } from "../src/core/bank.js";
import { lintBank } from "../src/core/lint.js";
import { checkLabel } from "../src/cli/messages/checks.js";
import { sectionIndexFor, withDeclaredTypes } from "../src/core/sections.js";
import { readScoreTable, templateHeader } from "../src/core/analysis/sheet.js";
import { questionUnits } from "../src/core/analysis/units.js";
import { validatePaper } from "../src/core/validate.js";
import { parseProjectTexts, parseSyllabusText, locateInTexts } from "../src/io/parse-project-text.js";
import { PDF_KINDS, renderPdfs } from "../src/io/render/index.js";
import { renderDocxs } from "../src/io/docx/index.js";
import { openDocx } from "./helpers/docx-xml.js";
import { HighsSolver } from "../src/solver/highs.js";
import { catalogueOf, makeBankOf, makeBlueprint, makeSyllabus, rawQuestion, TYPES_ALL_KINDS } from "./helpers/builders.js";
import { pdfPages, squash } from "./helpers/pdf-text.js";

const ALL = catalogueOf(TYPES_ALL_KINDS);
const origin = { file: "bank/a.yaml", path: ["questions", 0] };

describe("the true-false and fill-blank kinds: schema", () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ["true-false, a YAML boolean", rawQuestion("判断题", { answer: false }), false],
    ["true-false, 对", rawQuestion("判断题", { answer: "对" }), true],
    ["true-false, ×", rawQuestion("判断题", { answer: "×" }), false],
    ["true-false by alias", rawQuestion("判断题", { type: "judge", answer: "√" }), true],
    ["fill-blank, one answer as text", rawQuestion("填空题", { stem: "顾客满意度简称____。", answer: "CSI" }), ["CSI"]],
    ["fill-blank, a list", rawQuestion("填空题"), ["甲", "乙"]],
  ];
  it.each(cases)("%s", (_, raw, answer) => {
    const { question, diagnostics } = parseQuestion(raw, origin, ALL);
    expect(diagnostics).toEqual([]);
    expect(question && "answer" in question ? question.answer : undefined).toEqual(answer);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["true-false answer not a truth", rawQuestion("判断题", { answer: "也许" }), "answer"],
    ["true-false with options", rawQuestion("判断题", { options: ["对", "错"] }), ""],
    ["fill-blank with an empty list", rawQuestion("填空题", { answer: [] }), "answer"],
    ["an undeclared type", rawQuestion("判断题", { type: "计算题" }), "type"],
  ];
  it.each(bad)("%s is a located finding", (_, raw, field) => {
    const { question, diagnostics } = parseQuestion(raw, origin, ALL);
    expect(question).toBeUndefined();
    expect(diagnostics[0]?.location?.path).toEqual(field ? ["questions", 0, field] : ["questions", 0]);
  });

  it("lists the declared types when a type is not declared", () => {
    const { diagnostics } = parseQuestion(rawQuestion("判断题", { type: "计算题" }), origin, ALL);
    expect(diagnostics[0]!.args).toMatchObject({ path: "type", expected: { kind: "one-of", values: Object.keys(TYPES_ALL_KINDS) } });
  });

  it("lint: a fill-blank question needs one answer per blank", () => {
    const syllabus = makeSyllabus(3, 2, { question_types: TYPES_ALL_KINDS });
    const bank = makeBankOf(ALL, [rawQuestion("填空题", { id: "f1", answer: ["甲"] }), rawQuestion("填空题", { id: "f2" })]);
    const found = lintBank(bank, { syllabus }).filter((d) => d.code === "blank-count");
    expect(found.map((d) => (d.args as { id: string }).id)).toEqual(["f1"]);
    expect(found[0]!.args).toMatchObject({ blanks: 2, answers: 1, field: "answer" });
  });
});

describe("a bad question_types declaration", () => {
  const head = 'course: { code: "1", name: 课 }\nchapters:\n  - { number: 1, title: 章, tier: 重点, knowledge_points: [{ id: "1.1", title: 点 }] }\nquestion_types:\n';
  const tail = "levels: [识记, 领会]\ndifficulties: [易, 难]\ntiers: { 重点: { label: 重点章 } }\n";
  const cases: [string, string, number, number, string][] = [
    ["an unknown kind", "  计算题: { kind: calculation }\n", 5, 16, "expected"],
    ["options on a written kind", "  简答题: { kind: written, options: 4 }\n", 5, 3, "unknown-fields"],
    ["a bubble row for a written kind", "  简答题: { kind: written, sheet: choice }\n", 5, 32, "expected"],
    ["an option range upside down", "  单选: { kind: single-choice, options: { min: 5, max: 4 } }\n", 5, 54, "at-least"],
    ["an alias two types claim", "  判断题: { kind: true-false, aliases: [tf] }\n  是非题: { kind: true-false, aliases: [tf] }\n", 6, 38, "alias-clash"],
  ];
  it.each(cases)("%s: file:line:col", (_, types, line, col, problem) => {
    const source = { file: "s.yaml", text: head + types + tail };
    const { syllabus, diagnostics } = parseSyllabusText(source, () => yaml);
    expect(syllabus).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    const [located] = locateInTexts(diagnostics, [source], () => yaml);
    expect(located!.code).toBe("syllabus-schema");
    expect(located!.args).toMatchObject({ problem });
    expect([located!.location?.file, located!.location?.line, located!.location?.col]).toEqual(["s.yaml", line, col]);
  });
});

describe("a blueprint against the declared types", () => {
  const syllabus = makeSyllabus(1, 2, { question_types: TYPES_ALL_KINDS });
  const section = (type: string, extra: Record<string, unknown> = {}) => ({ type, count: 1, points_each: 1, minutes_each: 1, ...extra });
  it.each([
    ["a section of an undeclared type", { sections: [section("计算题")] }, [{ problem: "undeclared-type", type: "计算题", declared: Object.keys(TYPES_ALL_KINDS) }]],
    ["a part naming an undeclared type", { sections: [section("judge")], paper: { title: "t", minutes: 1, total_points: 1, parts: [{ title: "第一部分", sections: ["计算"] }] } }, [{ problem: "undeclared-type", type: "计算", declared: Object.keys(TYPES_ALL_KINDS) }]],
    ["options for a true-false type", { sections: [section("判断题")], question_types: { judge: { options: { min: 2, max: 2 } } } }, [{ problem: "options-not-choice", type: "判断题" }]],
    ["aliases read as names", { sections: [section("judge"), section("single")], question_types: { single: { options: { min: 4, max: 4 } } } }, []],
  ])("%s", async (_, overrides, problems) => {
    
    const result = withDeclaredTypes(makeBlueprint(overrides as never), syllabus.types);
    expect(result.problems).toEqual(problems);
    if (!problems.length) expect(result.blueprint.sections.map((s) => s.type)).toEqual(["判断题", "单项选择题"]);
  });

  it("locates an undeclared section type at file:line:col", () => {
    const syllabusText = 'course: { code: "1", name: 课 }\nlevels: [识记, 领会, 简单应用, 综合应用]\ndifficulties: [易, 较易, 较难, 难]\ntiers: { 重点: { label: 重点章 } }\nquestion_types:\n  简答题: { kind: written }\nchapters:\n  - { number: 1, title: 章, tier: 重点, knowledge_points: [{ id: "1.1", title: 点 }] }\n';
    const blueprintText = [
      "name: 蓝图",
      "syllabus: s.yaml",
      "bank: bank",
      "paper: { title: 卷, minutes: 10, total_points: 5 }",
      "sections:",
      "  - { type: 计算题, count: 1, points_each: 5, minutes_each: 5 }",
      "rules:",
      "  levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } }",
      "  difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } }",
      "",
    ].join("\n");
    const result = parseProjectTexts({ blueprint: { file: "b.yaml", text: blueprintText }, syllabus: { file: "s.yaml", text: syllabusText }, bank: [] }, () => yaml);
    expect(result.ok).toBe(false);
    const [found] = result.diagnostics;
    expect(found!.args).toEqual({ problem: "undeclared-type", type: "计算题", declared: ["简答题"] });
    expect([found!.location?.file, found!.location?.line, found!.location?.col]).toEqual(["b.yaml", 6, 13]);
  });

  it("refuses two sections of one id", async () => {
    const { blueprintProblems } = await import("../src/core/blueprint.js");
    const twice = makeBlueprint({ sections: [section("简答题", { id: "s" }), section("简答题", { id: "s" })], paper: { title: "t", minutes: 2, total_points: 2 } } as never);
    expect(blueprintProblems(twice)).toContainEqual({ problem: "section-id-twice", id: "s" });
  });
});

describe("a course with one section of each kind, and two sections of one type", () => {
  const syllabus = makeSyllabus(2, 2, { question_types: TYPES_ALL_KINDS });
  const q = (type: string, id: string, extra: Record<string, unknown> = {}) => rawQuestion(type, { id, chapter: 1, knowledge_point: "1.1", ...extra });
  const bank = makeBankOf(ALL, [
    q("单项选择题", "sc1"), q("单项选择题", "sc2", { answer: "B" }),
    q("多项选择题", "mc1"),
    q("判断题", "tf1", { stem: "客户服务只发生在售后阶段。", answer: false }),
    q("填空题", "fb1", { stem: "客户服务的三要素是____、____和____。", answer: ["服务者", "服务对象", "服务内容"], accept: [["服务提供者"], [], []] }),
    q("名词解释", "t1", { term: "客户忠诚" }),
    q("简答题", "s5", { stem: "简述投诉处理的步骤。" }),
    q("简答题", "s8", { stem: "简述客户关系管理的内容。", marking: [{ point: "要点一", points: 4 }, { point: "要点二", points: 4 }] }),
    q("案例分析题", "c1"),
  ]);
  const blueprint = makeBlueprint({
    paper: { title: "测试试卷", minutes: 120, total_points: 43 },
    sections: [
      { type: "单项选择题", count: 1, points_each: 1, minutes_each: 1 },
      { type: "多项选择题", count: 1, points_each: 2, minutes_each: 2 },
      { type: "judge", count: 1, points_each: 1, minutes_each: 1, title: "判断题（正确的打√，错误的打×）" },
      { type: "填空题", count: 1, points_each: 3, minutes_each: 3 },
      { type: "名词解释", count: 1, points_each: 3, minutes_each: 3 },
      { type: "简答题", count: 1, points_each: 5, minutes_each: 5, id: "short-5" },
      { type: "简答题", count: 1, points_each: 8, minutes_each: 8, id: "short-8" },
      { type: "案例分析题", count: 1, points_each: 20, minutes_each: 20 },
    ],
    rules: {
      levels: { shares: { 识记: 2300 / 43, 领会: 0, 简单应用: 1000 / 43, 综合应用: 1000 / 43 }, tolerance_points: 1 },
      difficulty: { shares: { 易: 2300 / 43, 较易: 0, 较难: 1000 / 43, 难: 1000 / 43 }, tolerance_points: 1 },
      chapters: { min_questions_each: 0 },
    },
  } as never);

  it("assembles, validates (each 简答题 in the section its points fit) and renders every kind", async () => {
    
    const declared = withDeclaredTypes(blueprint, syllabus.types);
    expect(declared.problems).toEqual([]);
    const result = await assemble(bank, declared.blueprint, syllabus, { solver: new HighsSolver(), seed: 1 });
    if (!result.ok) throw new Error(`not assembled: ${result.reason}`);
    const [form] = result.forms;
    expect(form!.file.sections.map((s) => [s.type, s.questions])).toEqual([
      ["单项选择题", [expect.any(String)]],
      ["多项选择题", ["mc1"]],
      ["判断题", ["tf1"]],
      ["填空题", ["fb1"]],
      ["名词解释", ["t1"]],
      ["简答题", ["s5"]],
      ["简答题", ["s8"]],
      ["案例分析题", ["c1"]],
    ]);
    const report = validatePaper(form!.paper, declared.blueprint, syllabus);
    expect(report.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(["section:short-5", "section:short-8", "structure:points:short-5", "structure:points:short-8"]));
    expect(report.checks.find((c) => c.id === "section:short-8")!.subject).toEqual({ rule: "section-count", type: "简答题", count: 1, section: "short-8" });
    expect(checkLabel(report.checks.find((c) => c.id === "structure:points:short-5")!.subject, "en")).toBe("简答题 (short-5): points per question");

    const rendered = await renderPdfs({ paper: form!.paper, spec: report.spec, blueprint: declared.blueprint, syllabus, kinds: PDF_KINDS });
    if (!rendered.ok) throw new Error("not rendered");
    const text = Object.fromEntries(await Promise.all(rendered.pdfs.map(async (p) => [p.kind, squash((await pdfPages(p.bytes)).join("\n"))])));
    expect(text.paper).toContain(squash("三、判断题（正确的打√，错误的打×）"));
    expect(text.paper).toContain(squash("客户服务只发生在售后阶段。（　　）"));
    expect(text.paper).toContain(squash("客户服务的三要素是__________、__________和__________。"));
    expect(text.paper).toContain(squash("六、简答题"));
    expect(text.paper).toContain(squash("七、简答题"));
    expect(text.answers).toMatch(/题号3答案×/);
    expect(text.answers).toContain(squash("（1）服务者（也可答：服务提供者）"));
    expect(text.answers).toContain(squash("（3）服务内容"));
    expect(text.sheet).toContain("√×");
    expect(text.sheet).toMatch(/4\.[^5]*（1）[^5]*（2）[^5]*（3）[^5]*5\./);

    // Word files: the same texts.
    const docx = Object.fromEntries((await renderDocxs({ paper: form!.paper, spec: report.spec, blueprint: declared.blueprint, syllabus, kinds: PDF_KINDS })).map((d) => [d.kind, openDocx(d.bytes)]));
    const paragraphs = docx.paper!.paragraphs.map((p) => p.text);
    expect(paragraphs).toEqual(expect.arrayContaining([expect.stringContaining("客户服务只发生在售后阶段。（　　）"), expect.stringContaining("客户服务的三要素是__________、__________和__________。")]));
    expect(docx.answers!.tables.flatMap((t) => t.rows.flat().map((c) => c.text))).toContain("×");
    expect(docx.answers!.paragraphs.map((p) => p.text)).toEqual(expect.arrayContaining(["（1）服务者（也可答：服务提供者）", "（2）服务对象"]));

    // Analysis: the true-false question is read from its marks like a choice, the fill-blank one scored as given.
    const units = questionUnits(form!.paper);
    expect(units.find((u) => u.question.id === "tf1")!.choice).toEqual({ letters: "TF", answer: "F", single: true });
    expect(units.find((u) => u.question.id === "fb1")!.choice).toBeUndefined();
    const header = templateHeader(units);
    expect(header).toEqual(expect.arrayContaining(["3选项", "4"]));
    expect(header).not.toContain("4选项");
    const row = (marks: string) => header.map((h) => (h === "考生号" || h === header[0] ? "c1" : h === "3选项" ? marks : h.endsWith("选项") ? "A" : "0"));
    const read = readScoreTable({ file: "s.csv", rows: [header, row("×"), ["c2", ...row("对").slice(1)]] }, units, "2026-10");
    expect(read.diagnostics).toEqual([]);
    expect(read.sitting!.choices.get(3)).toEqual(["F", "T"]);
  });
});

describe("two sections of one choice type", () => {
  it("spreads the type's questions over both and fills each", async () => {
    
    const syllabus = makeSyllabus(1, 2);
    const bank = makeBankOf(syllabus.types, Array.from({ length: 12 }, (_, i) => rawQuestion("单项选择题", { id: `sc${i + 1}` })));
    const blueprint = withDeclaredTypes(
      makeBlueprint({
        paper: { title: "t", minutes: 60, total_points: 7 },
        sections: [
          { type: "单项选择题", id: "one-point", count: 3, points_each: 1, minutes_each: 1 },
          { type: "single", id: "two-points", count: 2, points_each: 2, minutes_each: 1 },
        ],
      }),
      syllabus.types,
    ).blueprint;
    const homes = bank.questions.map((q) => sectionIndexFor(blueprint, q));
    expect(new Set(homes)).toEqual(new Set([0, 1]));
    const result = await assemble(bank, blueprint, syllabus, { solver: new HighsSolver(), seed: 3 });
    if (!result.ok) throw new Error(`not assembled: ${result.reason}`);
    const [one, two] = result.forms[0]!.file.sections;
    expect([one!.questions.length, two!.questions.length]).toEqual([3, 2]);
    for (const id of one!.questions) expect(homes[bank.questions.findIndex((q) => q.id === id)]).toBe(0);
    for (const id of two!.questions) expect(homes[bank.questions.findIndex((q) => q.id === id)]).toBe(1);
    const report = validatePaper(result.forms[0]!.paper, blueprint, syllabus);
    expect(report.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(report.checks.find((c) => c.id === "section:two-points")).toMatchObject({ status: "pass", actual: 2 });
  });
});
