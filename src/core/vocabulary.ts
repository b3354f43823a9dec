import { z } from "zod";
import { matching } from "./limits.js";

/**
 * A cognitive level (考核要求), a difficulty grade (难易度) or a chapter tier: any name. Which exist, in
 * which order and under which other spellings is the syllabus's to declare (syllabus.ts); the code
 * knows none of them.
 */
export type Level = string;
export type Difficulty = string;
export type Tier = string;

/**
 * A grade or tier name as written: any text. Aliases are read as the declared name after the schema,
 * against the syllabus's declarations (declared-grades.ts for questions, declaredBlueprint for keys).
 */
export const gradeNameSchema = matching(z.string(), "name");
export const levelSchema = gradeNameSchema;
export const difficultySchema = gradeNameSchema;

/** Chinese numerals for section numbering (一、二、…). */
export function chineseNumeral(n: number): string {
  const digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  if (n <= 10) return digits[n] ?? String(n);
  if (n < 20) return `十${digits[n - 10]}`;
  return String(n);
}
