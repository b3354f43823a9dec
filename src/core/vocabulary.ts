import { z } from "zod";
import { matching } from "./limits.js";

/**
 * The cognitive levels (考核要求), lowest first, when the syllabus declares none. A syllabus may declare
 * its own list (syllabus.levels), of these names or others: a level is any name, checked against the
 * declared list by the syllabus, blueprint and lint rules.
 */
export const LEVELS: readonly string[] = ["识记", "领会", "简单应用", "综合应用"];
export type Level = string;

/** The difficulty grades (难易度), easiest first, when the syllabus declares none. */
export const DIFFICULTIES: readonly string[] = ["易", "较易", "较难", "难"];
export type Difficulty = string;

/** The chapter tiers, most stressed first, when the syllabus declares none. */
export const TIERS: readonly string[] = ["重点", "次重点", "一般"];
export type Tier = string;

const LEVEL_ALIASES: Record<string, string> = {
  remember: "识记",
  understand: "领会",
  apply: "简单应用",
  "simple-application": "简单应用",
  analyze: "综合应用",
  "comprehensive-application": "综合应用",
};

const DIFFICULTY_ALIASES: Record<string, string> = {
  easy: "易",
  "medium-easy": "较易",
  "medium-hard": "较难",
  hard: "难",
};

const TIER_ALIASES: Record<string, string> = { key: "重点", secondary: "次重点", general: "一般" };

/** Every alias spelling: accepted on input, never advertised in messages. */
export const ALIAS_SPELLINGS: ReadonlySet<string> = new Set([LEVEL_ALIASES, DIFFICULTY_ALIASES, TIER_ALIASES].flatMap((a) => Object.keys(a)));

/** A grade or tier name: any text, an English alias read as its Chinese name (the syllabus says which exist). */
function declaredName(aliases: Record<string, string>) {
  return matching(z.string(), "name").transform((value) => aliases[value] ?? value);
}

export const levelSchema = declaredName(LEVEL_ALIASES);
export const difficultySchema = declaredName(DIFFICULTY_ALIASES);
export const tierSchema = declaredName(TIER_ALIASES);

/** Chinese numerals for section numbering (一、二、…). */
export function chineseNumeral(n: number): string {
  const digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  if (n <= 10) return digits[n] ?? String(n);
  if (n < 20) return `十${digits[n - 10]}`;
  return String(n);
}
