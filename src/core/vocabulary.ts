import { z } from "zod";
import { matching } from "./limits.js";

/** The six question types of a 自学考试 paper, in their usual printed order. */
export const QUESTION_TYPES = ["单项选择题", "多项选择题", "名词解释", "简答题", "论述题", "案例分析题"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * A cognitive level (考核要求), a difficulty grade (难易度) or a chapter tier: any name. Which exist, in
 * which order and under which other spellings is the syllabus's to declare (syllabus.ts); the code
 * knows none of them.
 */
export type Level = string;
export type Difficulty = string;
export type Tier = string;

const TYPE_ALIASES: Record<string, QuestionType> = {
  single: "单项选择题",
  "single-choice": "单项选择题",
  multiple: "多项选择题",
  "multiple-choice": "多项选择题",
  term: "名词解释",
  名词解释题: "名词解释",
  short: "简答题",
  "short-answer": "简答题",
  essay: "论述题",
  case: "案例分析题",
  "case-analysis": "案例分析题",
};

/** A zod enum that accepts the canonical Chinese value or an English alias and outputs the Chinese. */
function vocabulary<T extends string>(canonical: readonly T[], aliases: Record<string, T>) {
  const spellings = [...canonical, ...Object.keys(aliases)] as [string, ...string[]];
  return z.enum(spellings).transform((value): T => aliases[value] ?? (value as T));
}

/** Every alias spelling: accepted on input, never advertised in messages. */
export const ALIAS_SPELLINGS: ReadonlySet<string> = new Set([TYPE_ALIASES].flatMap((a) => Object.keys(a)));

export const questionTypeSchema = vocabulary(QUESTION_TYPES, TYPE_ALIASES);
/**
 * A grade or tier name as written: any text. Aliases are read as the declared name after the schema,
 * against the syllabus's declarations (declared-grades.ts for questions, declaredBlueprint for keys).
 */
export const gradeNameSchema = matching(z.string(), "name");
export const levelSchema = gradeNameSchema;
export const difficultySchema = gradeNameSchema;

const TYPE_SPELLINGS = new Map<unknown, QuestionType>([...QUESTION_TYPES.map((t) => [t, t] as const), ...Object.entries(TYPE_ALIASES)]);

/** Canonical spelling of a question type written either way, or undefined (as questionTypeSchema reads it). */
export function canonicalType(value: unknown): QuestionType | undefined {
  return TYPE_SPELLINGS.get(value);
}

/** Chinese numerals for section numbering (一、二、…). */
export function chineseNumeral(n: number): string {
  const digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  if (n <= 10) return digits[n] ?? String(n);
  if (n < 20) return `十${digits[n - 10]}`;
  return String(n);
}
