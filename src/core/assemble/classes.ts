import { sectionFor, type Blueprint, type BlueprintSection } from "../blueprint.js";
import { intrinsicPoints, type Question } from "../question.js";
import { itemFacts, type ItemFacts } from "../rules.js";
import type { SyllabusIndex } from "../syllabus.js";
import { DIFFICULTIES, LEVELS, QUESTION_TYPES } from "../vocabulary.js";

/**
 * Questions that are interchangeable for every rule: same section, chapter, knowledge points, level and
 * difficulty points, minutes, and history. The solver chooses how many of a class to take, never which:
 * that keeps the model small however large the bank grows. A question with enemies is a class of its own.
 */
export interface QuestionClass {
  key: string;
  section: BlueprintSection;
  facts: ItemFacts;
  members: string[];
  /** Used in an earlier paper passed with --avoid. */
  reused: boolean;
  /** An included question (a class of its own): the forms that must hold it, by letter, or every form. */
  pinned?: readonly string[] | "all";
  /** A question set (all or none): classes with the same set are taken together. */
  set?: string;
}

export interface Ineligible {
  id: string;
  reason: string;
}

export interface ClassifiedBank {
  classes: QuestionClass[];
  /** Pairs of class indexes whose questions must not share a paper. */
  enemyPairs: [number, number][];
  ineligible: Ineligible[];
}

// Short ASCII codes for the vocabulary: class keys are built for every question of a 50,000-question
// bank, and short one-byte strings hash faster than the Chinese names.
const code = (list: readonly string[]) => new Map(list.map((item, i) => [item, String.fromCharCode(97 + i)]));
const TYPE_CODE = code(QUESTION_TYPES);
const LEVEL_CODE = code(LEVELS);
const DIFFICULTY_CODE = code(DIFFICULTIES);
// Names beyond the default lists (a course's own grades) are their own code, behind a marker no code has.
const levelCode = (name: string) => LEVEL_CODE.get(name) ?? `<${name}>`;
const difficultyCode = (name: string) => DIFFICULTY_CODE.get(name) ?? `<${name}>`;

/**
 * What makes questions interchangeable, read straight off the question: cheap enough for 50,000 of them.
 * Two questions with the same key have the same facts under every rule.
 */
function interchangeKey(q: Question, section: BlueprintSection): string {
  const points = q.knowledge_point.length === 1 ? q.knowledge_point[0] : [...q.knowledge_point].sort().join("+");
  const grading =
    q.type === "案例分析题"
      ? q.subquestions
          .map((s) => `${levelCode(s.level)}${difficultyCode(s.difficulty)}${s.points}`)
          .sort()
          .join(",")
      : `${levelCode(q.level)}${difficultyCode(q.difficulty)}`;
  return `${TYPE_CODE.get(q.type)}|${q.chapter}|${points}|${grading}|${q.minutes ?? section.minutes_each}`;
}

function eligibility(q: Question, blueprint: Blueprint, syllabus: SyllabusIndex): { section?: BlueprintSection; reason?: string } {
  const section = sectionFor(blueprint, q.type);
  if (!section) return { reason: `the blueprint has no ${q.type} section` };
  if (!syllabus.chapter(q.chapter)) return { reason: `chapter ${q.chapter} is not in the syllabus` };
  const outside = q.knowledge_point.find((kp) => syllabus.knowledgePoint(kp)?.chapter !== q.chapter);
  if (outside) return { reason: `knowledge point ${outside} is not in chapter ${q.chapter} of the syllabus` };
  const own = intrinsicPoints(q);
  if (own !== undefined && own !== section.points_each) return { reason: `its points add up to ${own}, the section gives ${section.points_each}` };
  return { section };
}

export function classifyBank(
  questions: readonly Question[],
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  history: { used: ReadonlySet<string>; allowReuse: boolean },
): ClassifiedBank {
  const ineligible: Ineligible[] = [];
  const seen = new Set<string>();
  const pinned = new Map(blueprint.include.map((pin) => [pin.id, pin.forms ?? ("all" as const)]));
  const kept = new Set(blueprint.exclude);
  // Only questions that some question excludes need to be known as eligible, to link enemies.
  const excluded = new Set(questions.flatMap((q) => q.excludes));
  const eligibleExcluded = new Set<string>();
  const eligible: { q: Question; section: BlueprintSection; reused: boolean }[] = [];
  for (const q of questions) {
    if (seen.has(q.id)) {
      ineligible.push({ id: q.id, reason: "duplicate id" });
      continue;
    }
    seen.add(q.id);
    if (kept.has(q.id)) {
      ineligible.push({ id: q.id, reason: pinned.has(q.id) ? "both included and excluded" : "excluded by the blueprint or --exclude" });
      continue;
    }
    const { section, reason } = eligibility(q, blueprint, syllabus);
    if (!section) {
      ineligible.push({ id: q.id, reason: reason! });
      continue;
    }
    const reused = history.used.has(q.id);
    // A pinned question stays even when reused: the history rule then decides, and says so.
    if (reused && !history.allowReuse && !pinned.has(q.id)) continue;
    eligible.push({ q, section, reused });
    if (excluded.has(q.id)) eligibleExcluded.add(q.id);
  }
  const enemies = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!eligibleExcluded.has(b) || a === b) return;
    enemies.set(a, (enemies.get(a) ?? new Set()).add(b));
    enemies.set(b, (enemies.get(b) ?? new Set()).add(a));
  };
  for (const { q } of eligible) for (const other of q.excludes) link(q.id, other);

  const byKey = new Map<string, QuestionClass>();
  for (const { q, section, reused } of eligible) {
    const own = enemies.has(q.id) || pinned.has(q.id) || q.set !== undefined;
    const key = own ? `id:${q.id}` : `${interchangeKey(q, section)}|${reused ? "reused" : "new"}`;
    const existing = byKey.get(key);
    if (existing) existing.members.push(q.id);
    else {
      const made: QuestionClass = { key, section, facts: itemFacts(q, section, syllabus), members: [q.id], reused };
      const pin = pinned.get(q.id);
      if (pin) made.pinned = pin;
      if (q.set !== undefined) made.set = q.set;
      byKey.set(key, made);
    }
  }
  const classes = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const c of classes) c.members.sort();
  const indexOf = new Map<string, number>();
  classes.forEach((c, i) => {
    if (c.key.startsWith("id:")) indexOf.set(c.members[0]!, i);
  });
  const enemyPairs: [number, number][] = [];
  for (const [a, others] of enemies) {
    for (const b of others) if (a < b) enemyPairs.push([indexOf.get(a)!, indexOf.get(b)!]);
  }
  enemyPairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { classes, enemyPairs, ineligible };
}
