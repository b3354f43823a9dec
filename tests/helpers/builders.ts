import { parseBank, type Bank } from "../../src/core/bank.js";
import { formatMessage } from "../../src/cli/messages/index.js";
import { blueprintSchema, type Blueprint, type BlueprintInput } from "../../src/core/blueprint.js";
import { buildCatalogue, questionTypesSchema, type Catalogue, type typeDeclarationSchema } from "../../src/core/question-types.js";
import type { z } from "zod";
import { indexSyllabus, syllabusSchema, type SyllabusIndex, type SyllabusInput } from "../../src/core/syllabus.js";

/** The question types blueprints/10421-syllabus.yaml declares, as a syllabus writes them. */
/** One type declaration as written in a syllabus file. */
type TypeDeclarationInput = z.input<typeof typeDeclarationSchema>;

export const TYPES_10421: Record<string, TypeDeclarationInput> = {
  单项选择题: { kind: "single-choice", options: 4, aliases: ["single", "single-choice"] },
  多项选择题: { kind: "multiple-choice", options: 5, aliases: ["multiple", "multiple-choice"] },
  名词解释: { kind: "term", aliases: ["名词解释题", "term"] },
  简答题: { kind: "written", aliases: ["short", "short-answer"] },
  论述题: { kind: "written", aliases: ["essay"] },
  案例分析题: { kind: "material", aliases: ["case", "case-analysis"] },
};

/** The 10421 types and the two kinds 10421 does not use: a 判断题 (true-false) and a 填空题 (fill-blank). */
export const TYPES_ALL_KINDS = { ...TYPES_10421, 判断题: { kind: "true-false", aliases: ["judge"] }, 填空题: { kind: "fill-blank", aliases: ["blank"] } } satisfies Record<string, TypeDeclarationInput>;

export const catalogueOf = (types: object): Catalogue => buildCatalogue(questionTypesSchema.parse(types));
export const CATALOGUE_10421 = catalogueOf(TYPES_10421);

/** The grades, tiers and types blueprints/10421-syllabus.yaml declares, with its aliases: what makeSyllabus declares unless told. */
export const DECLARED_10421 = {
  levels: [
    { name: "识记", aliases: ["remember"] },
    { name: "领会", aliases: ["understand"] },
    { name: "简单应用", aliases: ["apply", "simple-application"] },
    { name: "综合应用", aliases: ["analyze", "comprehensive-application"] },
  ],
  difficulties: [
    { name: "易", aliases: ["easy"] },
    { name: "较易", aliases: ["medium-easy"] },
    { name: "较难", aliases: ["medium-hard"] },
    { name: "难", aliases: ["hard"] },
  ],
  tiers: { 重点: { label: "重点章", aliases: ["key"] }, 次重点: { label: "次重点章", aliases: ["secondary"] }, 一般: { label: "一般章", aliases: ["general"] } },
  question_types: TYPES_10421,
} satisfies Pick<SyllabusInput, "levels" | "difficulties" | "tiers" | "question_types">;

/**
 * A small syllabus: `chapters` chapters of `pointsEach` knowledge points, tiers cycling through the
 * declared ones (重点/次重点/一般 by default); `declared` replaces the 10421 grades, tiers or types.
 */
export function makeSyllabus(chapters = 3, pointsEach = 2, declared: Partial<Pick<SyllabusInput, "levels" | "difficulties" | "tiers" | "question_types">> = {}): SyllabusIndex {
  const lists = { ...DECLARED_10421, ...declared };
  const tiers = Object.keys(lists.tiers);
  return indexSyllabus(
    syllabusSchema.parse({
      course: { code: "99999", name: "测试课程" },
      ...lists,
      chapters: Array.from({ length: chapters }, (_, i) => ({
        number: i + 1,
        title: `第${i + 1}章标题`,
        tier: tiers[i % tiers.length],
        knowledge_points: Array.from({ length: pointsEach }, (_, k) => ({ id: `${i + 1}.${k + 1}`, title: `知识点${i + 1}.${k + 1}` })),
      })),
    }),
  );
}

type Raw = Record<string, unknown>;

let counter = 0;

/** A valid raw question of the given type; override any field. */
export function rawQuestion(type: string, overrides: Raw = {}): Raw {
  const id = (overrides.id as string) ?? `q${++counter}`;
  const base: Raw = { id, type, chapter: 1, knowledge_point: "1.1", level: "识记", difficulty: "易", minutes: 1 };
  switch (type) {
    case "单项选择题":
      return { ...base, stem: `题干${id}(  )`, options: ["甲", "乙", "丙", "丁"], answer: "A", ...overrides };
    case "多项选择题":
      return { ...base, stem: `题干${id}(  )`, options: ["甲", "乙", "丙", "丁", "戊"], answer: "AB", ...overrides };
    case "名词解释":
      return { ...base, term: `术语${id}`, answer: "定义", marking: [{ point: "要点", points: 3 }], ...overrides };
    case "简答题":
      return { ...base, stem: `简述${id}`, answer: "答案", marking: [{ point: "要点", points: 5 }], ...overrides };
    case "论述题":
      return { ...base, stem: `论述${id}`, answer: "答案", marking: [{ point: "要点", points: 10 }], ...overrides };
    case "判断题":
      return { ...base, stem: `判断${id}`, answer: true, ...overrides };
    case "填空题":
      return { ...base, stem: `填空${id}：____和____`, answer: ["甲", "乙"], ...overrides };
    case "案例分析题": {
      const { level: _l, difficulty: _d, ...rest } = base;
      return {
        ...rest,
        material: `案例材料${id}`,
        subquestions: [
          { ask: "问一", level: "简单应用", difficulty: "较难", points: 10, answer: "答", marking: [{ point: "要点", points: 10 }] },
          { ask: "问二", level: "综合应用", difficulty: "难", points: 10, answer: "答", marking: [{ point: "要点", points: 10 }] },
        ],
        ...overrides,
      };
    }
    default:
      return { ...base, ...overrides };
  }
}

/** A bank from raw questions, as if each list were one file (the 10421 types). */
export function makeBank(...files: Raw[][]): Bank {
  return makeBankOf(CATALOGUE_10421, ...files);
}

/** A bank from raw questions of the given declared types. */
export function makeBankOf(types: Catalogue, ...files: Raw[][]): Bank {
  const parsed = parseBank(files.map((questions, i) => ({ file: `bank/f${i + 1}.yaml`, data: { questions } })), types);
  if (parsed.diagnostics.length) throw new Error(`makeBank: ${parsed.diagnostics.map((d) => formatMessage(d, "en")).join("; ")}`);
  return parsed.bank;
}

/** A blueprint for a tiny paper: 2 单项选择题 (1 point) + 1 简答题 (5 points) by default, exact shares. */
export function makeBlueprint(overrides: Partial<BlueprintInput> = {}): Blueprint {
  const input: BlueprintInput = {
    name: "测试蓝图",
    syllabus: "syllabus.yaml",
    bank: "bank",
    paper: { title: "测试试卷", minutes: 60, total_points: 7 },
    sections: [
      { type: "单项选择题", count: 2, points_each: 1, minutes_each: 1 },
      { type: "简答题", count: 1, points_each: 5, minutes_each: 8 },
    ],
    rules: {
      levels: { shares: { 识记: 100, 领会: 0, 简单应用: 0, 综合应用: 0 } },
      difficulty: { shares: { 易: 100, 较易: 0, 较难: 0, 难: 0 } },
      chapters: { min_questions_each: 0 },
    },
    ...overrides,
  };
  return blueprintSchema.parse(input);
}

/** A finding's or a blueprint/syllabus problem's English sentence, as the command line prints it. */
export { formatMessage } from "../../src/cli/messages/index.js";
