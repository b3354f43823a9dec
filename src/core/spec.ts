import { sectionFor, type Blueprint } from "./blueprint.js";
import { paperItems, type Paper } from "./paper.js";
import { itemFacts, type ItemFacts } from "./rules.js";
import type { SyllabusIndex } from "./syllabus.js";
import { DIFFICULTIES, LEVELS, type Difficulty, type Level, type QuestionType, type Tier } from "./vocabulary.js";

export interface SpecRow {
  chapter: number;
  title: string;
  tier: Tier;
  levels: Record<Level, number>;
  difficulty: Record<Difficulty, number>;
  points: number;
  questions: number;
}

export interface SpecItem {
  number: number;
  id: string;
  type: QuestionType;
  chapter: number;
  knowledgePoints: readonly string[];
  levels: Level[];
  difficulties: Difficulty[];
  points: number;
  minutes: number;
}

/** The 双向细目表: chapter × level points, the difficulty distribution, and every question's tags. */
export interface SpecTable {
  rows: SpecRow[];
  levels: Record<Level, { actual: number; target: number }>;
  difficulty: Record<Difficulty, { actual: number; target: number }>;
  total: { actual: number; target: number };
  minutes: number;
  items: SpecItem[];
  /** The columns to print: the grades the syllabus declares, in its order (the records hold every built-in grade). */
  columns: { levels: readonly Level[]; difficulties: readonly Difficulty[] };
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Facts of each paper item under the blueprint: the points and default minutes of the blueprint's
 * section. A paper's own points_each that disagrees is one structure finding of its own, so it must not
 * also throw every points rule off; the paper's value counts only for a section the blueprint lacks.
 */
export function paperFacts(paper: Paper, blueprint: Blueprint, syllabus: SyllabusIndex): { facts: ItemFacts; id: string; number: number }[] {
  return paperItems(paper).map(({ question, section, number }) => {
    const rule = sectionFor(blueprint, section.type);
    const scoring = { points_each: rule?.points_each ?? section.points_each, minutes_each: rule?.minutes_each ?? 0 };
    return { facts: itemFacts(question, scoring, syllabus), id: question.id, number };
  });
}

export function buildSpec(paper: Paper, blueprint: Blueprint, syllabus: SyllabusIndex): SpecTable {
  const total = blueprint.paper.total_points;
  const rows: SpecRow[] = syllabus.syllabus.chapters.map((c) => ({
    chapter: c.number,
    title: c.title,
    tier: c.tier,
    levels: zeros(LEVELS),
    difficulty: zeros(DIFFICULTIES),
    points: 0,
    questions: 0,
  }));
  const levels = Object.fromEntries(LEVELS.map((l) => [l, { actual: 0, target: ((blueprint.rules.levels.shares[l] ?? 0) * total) / 100 }])) as SpecTable["levels"];
  const difficulty = Object.fromEntries(
    DIFFICULTIES.map((d) => [d, { actual: 0, target: ((blueprint.rules.difficulty.shares[d] ?? 0) * total) / 100 }]),
  ) as SpecTable["difficulty"];
  const items: SpecItem[] = [];
  let points = 0;
  let minutes = 0;
  for (const { facts, id, number } of paperFacts(paper, blueprint, syllabus)) {
    const row = rows.find((r) => r.chapter === facts.chapter);
    for (const level of LEVELS) {
      const p = facts.levelPoints[level] ?? 0;
      levels[level].actual += p;
      if (row) row.levels[level] += p;
    }
    for (const d of DIFFICULTIES) {
      const p = facts.difficultyPoints[d] ?? 0;
      difficulty[d].actual += p;
      if (row) row.difficulty[d] += p;
    }
    if (row) {
      row.points += facts.points;
      row.questions += 1;
    }
    points += facts.points;
    minutes += facts.minutes;
    items.push({
      number,
      id,
      type: facts.type,
      chapter: facts.chapter,
      knowledgePoints: facts.knowledgePoints,
      levels: LEVELS.filter((l) => facts.levelPoints[l]),
      difficulties: DIFFICULTIES.filter((d) => facts.difficultyPoints[d]),
      points: facts.points,
      minutes: facts.minutes,
    });
  }
  return { rows, levels, difficulty, total: { actual: points, target: total }, minutes, items, columns: { levels: syllabus.levels, difficulties: syllabus.difficulties } };
}
