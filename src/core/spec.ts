import { type Blueprint } from "./blueprint.js";
import { sectionAt } from "./sections.js";
import { paperItems, type Paper } from "./paper.js";
import { itemFacts, type ItemFacts } from "./rules.js";
import type { SyllabusIndex } from "./syllabus.js";
import type { QuestionType } from "./question-types.js";
import { type Difficulty, type Level, type Tier } from "./vocabulary.js";

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
  return paperItems(paper).map(({ question, section, sectionIndex, number }) => {
    const planned = sectionAt(blueprint, sectionIndex, section.type);
    const rule = planned?.section;
    const scoring = { points_each: rule?.points_each ?? section.points_each, minutes_each: rule?.minutes_each ?? 0 };
    const facts = itemFacts(question, scoring, syllabus, planned?.index ?? -1);
    facts.id = question.id;
    return { facts, id: question.id, number };
  });
}

/** The grades a question has points in: the declared ones in their order, then any other. */
function inOrder(declared: readonly string[], points: Readonly<Record<string, number | undefined>>): string[] {
  const given = Object.keys(points).filter((name) => points[name]);
  return [...declared.filter((name) => given.includes(name)), ...given.filter((name) => !declared.includes(name))];
}

export function buildSpec(paper: Paper, blueprint: Blueprint, syllabus: SyllabusIndex): SpecTable {
  const total = blueprint.paper.total_points;
  const rows: SpecRow[] = syllabus.syllabus.chapters.map((c) => ({
    chapter: c.number,
    title: c.title,
    tier: c.tier,
    levels: zeros(syllabus.levels),
    difficulty: zeros(syllabus.difficulties),
    points: 0,
    questions: 0,
  }));
  const targets = (names: readonly string[], shares: Readonly<Record<string, number | undefined>>) =>
    Object.fromEntries(names.map((name) => [name, { actual: 0, target: ((shares[name] ?? 0) * total) / 100 }]));
  const levels: SpecTable["levels"] = targets(syllabus.levels, blueprint.rules.levels.shares);
  const difficulty: SpecTable["difficulty"] = targets(syllabus.difficulties, blueprint.rules.difficulty.shares);
  // A grade the syllabus does not declare (lint refuses it) still counts, in a column of its own.
  const add = (into: Record<string, { actual: number; target: number }>, rowInto: Record<string, number> | undefined, name: string, p: number) => {
    (into[name] ??= { actual: 0, target: 0 }).actual += p;
    if (rowInto) rowInto[name] = (rowInto[name] ?? 0) + p;
  };
  const items: SpecItem[] = [];
  let points = 0;
  let minutes = 0;
  for (const { facts, id, number } of paperFacts(paper, blueprint, syllabus)) {
    const row = rows.find((r) => r.chapter === facts.chapter);
    for (const [level, p] of Object.entries(facts.levelPoints)) add(levels, row?.levels, level, p ?? 0);
    for (const [d, p] of Object.entries(facts.difficultyPoints)) add(difficulty, row?.difficulty, d, p ?? 0);
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
      levels: inOrder(syllabus.levels, facts.levelPoints),
      difficulties: inOrder(syllabus.difficulties, facts.difficultyPoints),
      points: facts.points,
      minutes: facts.minutes,
    });
  }
  return { rows, levels, difficulty, total: { actual: points, target: total }, minutes, items, columns: { levels: syllabus.levels, difficulties: syllabus.difficulties } };
}
