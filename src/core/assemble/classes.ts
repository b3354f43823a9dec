import { type Blueprint, type BlueprintSection } from "../blueprint.js";
import { sectionIndexFor } from "../sections.js";
import type { Diagnostic, Location } from "../diagnostic.js";
import type { Question } from "../question.js";
import { itemFacts, type ItemFacts } from "../rules.js";
import { markingFit, syllabusScope } from "../structure.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { QuestionType } from "../question-types.js";

/**
 * Questions that are interchangeable for every rule: same section, chapter, knowledge points, level and
 * difficulty points, minutes, and history. The solver chooses how many of a class to take, never which:
 * that keeps the model small however large the bank grows. A question with enemies is a class of its own.
 */
export interface QuestionClass {
  key: string;
  section: BlueprintSection;
  /** The section's position in the blueprint (several sections may share a type). */
  sectionIndex: number;
  facts: ItemFacts;
  members: string[];
  /** Used in an earlier paper passed with --avoid. */
  reused: boolean;
  /** An included question (a class of its own): the forms that must hold it, by letter, or every form. */
  pinned?: readonly string[] | "all";
  /** A question set (all or none): classes with the same set are taken together. */
  set?: string;
}

/** Why a question can be in no paper of this blueprint, as data (the CLI says it in words). */
export type IneligibleReason =
  | { kind: "duplicate-id" }
  | { kind: "included-and-excluded" }
  | { kind: "excluded" }
  /** Left out for another reason (used in an earlier sitting, when reuse is not allowed). */
  | { kind: "not-eligible" }
  | { kind: "history" }
  | { kind: "avoided" }
  | { kind: "no-section"; type: QuestionType }
  /** The structural rule it breaks: the same finding lint and validate report. */
  | { kind: "finding"; finding: Diagnostic };

export interface Ineligible {
  id: string;
  reason: IneligibleReason;
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
/** One-letter codes of the declared grades; an undeclared name is its own code, behind a marker no code has. */
interface GradeCodes {
  level: (name: string) => string;
  difficulty: (name: string) => string;
}

function gradeCodes(syllabus: Pick<SyllabusIndex, "levels" | "difficulties">): GradeCodes {
  const levels = code(syllabus.levels);
  const difficulties = code(syllabus.difficulties);
  return { level: (name) => levels.get(name) ?? `<${name}>`, difficulty: (name) => difficulties.get(name) ?? `<${name}>` };
}

/**
 * What makes questions interchangeable, read straight off the question: cheap enough for 50,000 of them.
 * Two questions with the same key have the same facts under every rule.
 */
function interchangeKey(q: Question, section: BlueprintSection, sectionIndex: number, codes: GradeCodes): string {
  const points = q.knowledge_point.length === 1 ? q.knowledge_point[0] : [...q.knowledge_point].sort().join("+");
  const grading =
    q.kind === "material"
      ? q.subquestions
          .map((s) => `${codes.level(s.level)}${codes.difficulty(s.difficulty)}${s.points}`)
          .sort()
          .join(",")
      : `${codes.level(q.level)}${codes.difficulty(q.difficulty)}`;
  // The section as one letter (a, b, …): the key seeds which members a class gives first (stock.ts).
  return `${String.fromCharCode(97 + sectionIndex)}|${q.chapter}|${points}|${grading}|${q.minutes ?? section.minutes_each}`;
}

const NOWHERE: Location = { file: "", path: [] };

/** Eligible when the blueprint has its section and it keeps the structural rules (structure.ts). */
function eligibility(q: Question, blueprint: Blueprint, syllabus: SyllabusIndex): { section?: BlueprintSection; sectionIndex?: number; reason?: IneligibleReason } {
  const sectionIndex = sectionIndexFor(blueprint, q);
  const section = blueprint.sections[sectionIndex];
  if (!section) return { reason: { kind: "no-section", type: q.type } };
  const broken = syllabusScope(q, NOWHERE, syllabus)[0] ?? markingFit(q, NOWHERE, section.points_each)[0];
  if (broken) {
    const { location: _unplaced, ...finding } = broken;
    return { reason: { kind: "finding", finding: finding as Diagnostic } };
  }
  return { section, sectionIndex };
}

export function classifyBank(
  questions: readonly Question[],
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  history: { used: ReadonlySet<string>; allowReuse: boolean; barred?: ReadonlySet<string> },
): ClassifiedBank {
  const ineligible: Ineligible[] = [];
  const seen = new Set<string>();
  const pinned = new Map(blueprint.include.map((pin) => [pin.id, pin.forms ?? ("all" as const)]));
  const kept = new Set(blueprint.exclude);
  // Only questions that some question excludes need to be known as eligible, to link enemies.
  const excluded = new Set(questions.flatMap((q) => q.excludes));
  const eligibleExcluded = new Set<string>();
  const eligible: { q: Question; section: BlueprintSection; sectionIndex: number; reused: boolean; barred: boolean }[] = [];
  for (const q of questions) {
    if (seen.has(q.id)) {
      ineligible.push({ id: q.id, reason: { kind: "duplicate-id" } });
      continue;
    }
    seen.add(q.id);
    if (kept.has(q.id)) {
      ineligible.push({ id: q.id, reason: { kind: pinned.has(q.id) ? "included-and-excluded" : "excluded" } });
      continue;
    }
    const { section, sectionIndex, reason } = eligibility(q, blueprint, syllabus);
    if (!section) {
      ineligible.push({ id: q.id, reason: reason! });
      continue;
    }
    // The history rule's bound is 0: a barred question has no place in any paper. A pinned one stays,
    // so the rule (a row) makes the pin impossible and the diagnosis names it.
    const barred = history.barred?.has(q.id) ?? false;
    if (barred && !pinned.has(q.id)) {
      ineligible.push({ id: q.id, reason: { kind: "history" } });
      continue;
    }
    const reused = history.used.has(q.id);
    // A pinned question stays even when reused: the history rule then decides, and says so.
    if (reused && !history.allowReuse && !pinned.has(q.id)) continue;
    eligible.push({ q, section, sectionIndex: sectionIndex!, reused, barred });
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
  const codes = gradeCodes(syllabus);
  for (const { q, section, sectionIndex, reused, barred } of eligible) {
    const own = enemies.has(q.id) || pinned.has(q.id) || q.set !== undefined;
    const key = own ? `id:${q.id}` : `${interchangeKey(q, section, sectionIndex, codes)}|${reused ? "reused" : "new"}`;
    const existing = byKey.get(key);
    if (existing) existing.members.push(q.id);
    else {
      const facts = itemFacts(q, section, syllabus, sectionIndex);
      if (reused) facts.reused = true;
      if (barred) facts.barred = true;
      // A class of its own stands for one question: rules that name questions (pins) can see which.
      if (own) facts.id = q.id;
      const made: QuestionClass = { key, section, sectionIndex, facts, members: [q.id], reused };
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
