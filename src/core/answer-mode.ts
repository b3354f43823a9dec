// What a paper prints depends on where candidates answer: on a 答题卡 (sheet) or on the paper itself
// (in-paper). The blueprint holds the texts, either one for both modes or one per mode.
import type { AnswerMode, Blueprint } from "./blueprint.js";

type PerMode<T> = T | { sheet: T; "in-paper": T };

function forMode<T>(value: PerMode<T>, mode: AnswerMode): T {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "sheet" in value && "in-paper" in value) return value[mode];
  return value as T;
}

export function answerMode(blueprint: Blueprint): AnswerMode {
  return blueprint.paper.answer_mode;
}

/** The numbered 考生答题注意事项 for the blueprint's mode, a line repeated word for word printed once. */
export function printedNotices(blueprint: Blueprint): string[] {
  const notices = forMode(blueprint.paper.notices, answerMode(blueprint));
  return notices.filter((n, i) => n.trim() !== "" && notices.indexOf(n) === i);
}

/** The notice under a part heading (第一部分 选择题) for the blueprint's mode. */
export function partNotice(blueprint: Blueprint, part: Blueprint["paper"]["parts"][number]): string | undefined {
  return part.notice === undefined ? undefined : forMode(part.notice, answerMode(blueprint)) || undefined;
}

/** Every notice of every mode: what the glyph check must find in the font. */
export function allNoticeTexts(blueprint: Blueprint): string[] {
  const both = <T>(v: PerMode<T>): T[] => (typeof v === "object" && v !== null && !Array.isArray(v) && "sheet" in v ? [v.sheet, v["in-paper"]] : [v as T]);
  return [...both(blueprint.paper.notices).flat(), ...blueprint.paper.parts.flatMap((p) => (p.notice === undefined ? [] : both(p.notice)))];
}

export function hasScoreTable(blueprint: Blueprint): boolean {
  return blueprint.paper.score_table ?? answerMode(blueprint) === "in-paper";
}

/**
 * Lines of room to answer a written question of these points: none on a sheet-mode paper. A type may
 * declare its own lines per point (its `answer_lines`), which replaces the blueprint's answer_space.
 */
export function answerLines(blueprint: Blueprint, points: number, typeLinesPerPoint?: number): number {
  if (answerMode(blueprint) === "sheet") return 0;
  const { lines_per_point, min_lines } = blueprint.paper.answer_space;
  return Math.max(min_lines, Math.round(points * (typeLinesPerPoint ?? lines_per_point)));
}

/** Lines of a written question's frame on the 答题卡. */
export function sheetLines(blueprint: Blueprint, points: number): number {
  const { lines_per_point, min_lines } = blueprint.paper.answer_sheet;
  return Math.max(min_lines, Math.round(points * lines_per_point));
}
