import { type Blueprint, type BlueprintSection, type Range } from "./blueprint.js";
import { sectionKey } from "./sections.js";
import { gradedParts, type Question } from "./question.js";
import type { SyllabusIndex } from "./syllabus.js";
import type { QuestionType } from "./question-types.js";
import { type Difficulty, type Level, type Tier } from "./vocabulary.js";

/** What the paper rules need to know of a question placed in a section. */
export interface ItemFacts {
  type: QuestionType;
  /** The blueprint section it is placed in, by position. */
  section: number;
  chapter: number;
  tier: Tier | undefined;
  knowledgePoints: readonly string[];
  points: number;
  minutes: number;
  levelPoints: Readonly<Partial<Record<Level, number>>>;
  difficultyPoints: Readonly<Partial<Record<Difficulty, number>>>;
  /** The question's id, where a rule names questions (pins): always in a paper, for own classes in the solver. */
  id?: string;
  /** In an earlier paper (--avoid): the reuse rule counts it. */
  reused?: boolean;
  /** Kept out by the usage history (rules.history): the history rule counts it. */
  barred?: boolean;
}

export function itemFacts(q: Question, section: Pick<BlueprintSection, "points_each" | "minutes_each">, syllabus: SyllabusIndex, sectionIndex: number): ItemFacts {
  const levelPoints: Partial<Record<Level, number>> = {};
  const difficultyPoints: Partial<Record<Difficulty, number>> = {};
  let points = 0;
  for (const part of gradedParts(q, section.points_each)) {
    levelPoints[part.level] = (levelPoints[part.level] ?? 0) + part.points;
    difficultyPoints[part.difficulty] = (difficultyPoints[part.difficulty] ?? 0) + part.points;
    points += part.points;
  }
  return {
    type: q.type,
    section: sectionIndex,
    chapter: q.chapter,
    tier: syllabus.tierOf(q.chapter),
    knowledgePoints: q.knowledge_point,
    points,
    minutes: q.minutes ?? section.minutes_each,
    levelPoints,
    difficultyPoints,
  };
}

export type RuleGroup = "section" | "total" | "level" | "difficulty" | "chapter" | "tier" | "time" | "knowledge-point" | "history" | "overlap" | "pin";
export type RuleUnit = "questions" | "points" | "minutes";

/** What a linear rule is about, as data: the CLI names it in the user's language. */
export type LinearSubject =
  /** `section`: the section's id or numbered type, when several sections share the type. */
  | { rule: "section-count"; type: QuestionType; count: number; section?: string }
  | { rule: "total-points" }
  | { rule: "level-share"; level: Level; share: number }
  | { rule: "difficulty-share"; difficulty: Difficulty; share: number }
  | { rule: "chapter-examined"; chapter: number }
  | { rule: "chapter-points"; chapter: number; tier: Tier }
  | { rule: "tier-points"; tier: Tier }
  | { rule: "time" }
  | { rule: "knowledge-point"; knowledgePoint: string; title: string }
  | { rule: "chapter-knowledge-points"; chapter: number }
  | { rule: "tier-order"; upper: string; lower: string; margin: number }
  | { rule: "history-barred"; notWithin?: number; maxUses?: { times: number; sittings: number } }
  | { rule: "reused"; bound: string }
  | { rule: "overlap"; bound: string; form?: string }
  | { rule: "include"; id: string; forms?: string[] }
  | { rule: "exclude" }
  | { rule: "set-whole"; set: string; id: string; with: string };

/**
 * A paper rule as one linear measure with bounds: min ≤ Σ measure(item) ≤ max.
 * The solver turns each into a constraint and the validator evaluates each on a paper,
 * so the two can never disagree about what a rule means.
 */
export interface LinearRule {
  id: string;
  group: RuleGroup;
  subject: LinearSubject;
  unit: RuleUnit;
  measure: (item: ItemFacts) => number;
  min?: number;
  max?: number;
  /**
   * Set when the measure is 1 for an item examining this knowledge point and 0 otherwise: a column over
   * thousands of classes can then be filled from an index of the points (coefficients.ts) instead of
   * asking every class of every such rule. The measure stays what the rule means.
   */
  examines?: string;
}

const EPSILON = 1e-9;

export function withinRule(rule: Pick<LinearRule, "min" | "max">, value: number): boolean {
  return (rule.min === undefined || value >= rule.min - EPSILON) && (rule.max === undefined || value <= rule.max + EPSILON);
}

/** A number as messages show it: whole, or with at most two decimals. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}

function bounded(range: Range | undefined): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  if (range?.min !== undefined) out.min = range.min;
  if (range?.max !== undefined) out.max = range.max;
  return out;
}

function shareRules<K extends Level | Difficulty>(
  group: "level" | "difficulty",
  keys: readonly K[],
  shares: Partial<Record<K, number>>,
  tolerance: number,
  total: number,
  pick: (item: ItemFacts) => Readonly<Partial<Record<K, number>>>,
): LinearRule[] {
  return keys.map((key) => {
    const target = ((shares[key] ?? 0) * total) / 100;
    return {
      id: `${group}:${key}`,
      group,
      subject: group === "level" ? { rule: "level-share", level: key as Level, share: shares[key] ?? 0 } : { rule: "difficulty-share", difficulty: key as Difficulty, share: shares[key] ?? 0 },
      unit: "points" as const,
      measure: (item) => pick(item)[key] ?? 0,
      min: Math.max(0, target - tolerance),
      max: target + tolerance,
    };
  });
}

/** A subject about a section, told apart by its key when its type alone does not name it. */
export function sectionSubject<S extends { type: QuestionType; section?: string }>(subject: S, key: string): S {
  return key === subject.type ? subject : { ...subject, section: key };
}

/** Every linear rule a paper built from `blueprint` must meet. */
export function paperRules(blueprint: Blueprint, syllabus: SyllabusIndex): LinearRule[] {
  const rules: LinearRule[] = [];
  const total = blueprint.paper.total_points;
  blueprint.sections.forEach((section, i) => {
    rules.push({
      id: `section:${sectionKey(blueprint, i)}`,
      group: "section",
      subject: sectionSubject({ rule: "section-count" as const, type: section.type, count: section.count }, sectionKey(blueprint, i)),
      unit: "questions",
      measure: (item) => (item.section === i ? 1 : 0),
      min: section.count,
      max: section.count,
    });
  });
  rules.push({ id: "total:points", group: "total", subject: { rule: "total-points" }, unit: "points", measure: (i) => i.points, min: total, max: total });
  rules.push(...shareRules("level", syllabus.levels, blueprint.rules.levels.shares, blueprint.rules.levels.tolerance_points, total, (i) => i.levelPoints));
  rules.push(
    ...shareRules("difficulty", syllabus.difficulties, blueprint.rules.difficulty.shares, blueprint.rules.difficulty.tolerance_points, total, (i) => i.difficultyPoints),
  );
  const chapters = blueprint.rules.chapters;
  for (const chapter of syllabus.syllabus.chapters) {
    if (chapters.min_questions_each > 0) {
      rules.push({
        id: `chapter:${chapter.number}:examined`,
        group: "chapter",
        subject: { rule: "chapter-examined", chapter: chapter.number },
        unit: "questions",
        measure: (i) => (i.chapter === chapter.number ? 1 : 0),
        min: chapters.min_questions_each,
      });
    }
    const range = chapters.points_by_chapter[String(chapter.number)] ?? chapters.points_by_tier[chapter.tier];
    if (range && (range.min !== undefined || range.max !== undefined)) {
      rules.push({
        id: `chapter:${chapter.number}:points`,
        group: "chapter",
        subject: { rule: "chapter-points", chapter: chapter.number, tier: chapter.tier },
        unit: "points",
        measure: (i) => (i.chapter === chapter.number ? i.points : 0),
        ...bounded(range),
      });
    }
  }
  for (const tier of syllabus.tiers) {
    const range = chapters.tier_totals[tier];
    if (!range) continue;
    rules.push({
      id: `tier:${tier}`,
      group: "tier",
      subject: { rule: "tier-points", tier },
      unit: "points",
      measure: (i) => (i.tier === tier ? i.points : 0),
      ...bounded(range),
    });
  }
  rules.push(...tierOrderRules(blueprint, syllabus));
  const time = { max: blueprint.paper.minutes, ...bounded(blueprint.rules.time) };
  rules.push({ id: "time", group: "time", subject: { rule: "time" }, unit: "minutes", measure: (i) => i.minutes, ...time });
  const maxPerPoint = blueprint.rules.knowledge_points.max_per_point;
  if (maxPerPoint !== undefined) {
    for (const kp of syllabus.knowledgePoints) {
      rules.push({
        id: `knowledge-point:${kp.id}`,
        group: "knowledge-point",
        subject: { rule: "knowledge-point", knowledgePoint: kp.id, title: kp.title },
        unit: "questions",
        measure: (i) => (i.knowledgePoints.includes(kp.id) ? 1 : 0),
        max: maxPerPoint,
        examines: kp.id,
      });
    }
  }
  return rules;
}

/**
 * Key chapters really stressed: each tier's average points per chapter at least the next tier's (plus
 * the margin), between consecutive tiers that have chapters. The difference of two averages is linear
 * in the questions taken, so the solver holds it as one row and the validator sums the same measure.
 */
export function tierOrderRules(blueprint: Blueprint, syllabus: SyllabusIndex): LinearRule[] {
  const order = blueprint.rules.chapters.tier_order;
  if (!order) return [];
  const chapters = new Map<Tier, number>();
  for (const chapter of syllabus.syllabus.chapters) chapters.set(chapter.tier, (chapters.get(chapter.tier) ?? 0) + 1);
  const present = syllabus.tiers.filter((tier) => (chapters.get(tier) ?? 0) > 0);
  return present.slice(1).map((lower, i) => {
    const upper = present[i]!;
    const nUpper = chapters.get(upper)!;
    const nLower = chapters.get(lower)!;
    return {
      id: `tier-order:${upper}:${lower}`,
      group: "tier" as const,
      subject: { rule: "tier-order" as const, upper, lower, margin: order.margin },
      unit: "points" as const,
      measure: (item: ItemFacts) => (item.tier === upper ? item.points / nUpper : item.tier === lower ? -item.points / nLower : 0),
      min: order.margin,
    };
  });
}

/**
 * Sums of paper rules that a relaxation would otherwise lose. The coarse model forgets which knowledge
 * point a question examines, so it could put more questions in a chapter than the chapter's points
 * allow together; the sum of that chapter's knowledge-point rules says how many at most. Implied by
 * the rules above, so adding them never excludes a valid paper.
 */
export function impliedRules(blueprint: Blueprint, syllabus: SyllabusIndex): LinearRule[] {
  const maxPerPoint = blueprint.rules.knowledge_points.max_per_point;
  if (maxPerPoint === undefined) return [];
  return syllabus.syllabus.chapters.map((chapter) => {
    const ids = new Set(chapter.knowledge_points.map((kp) => kp.id));
    return {
      id: `implied:chapter:${chapter.number}:knowledge-points`,
      group: "knowledge-point" as const,
      subject: { rule: "chapter-knowledge-points" as const, chapter: chapter.number },
      unit: "questions" as const,
      measure: (i: ItemFacts) => {
        // A loop, not filter().length: this runs for every class of a large bank, for every chapter.
        let n = 0;
        for (const kp of i.knowledgePoints) if (ids.has(kp)) n++;
        return n;
      },
      max: maxPerPoint * ids.size,
    };
  });
}
