import { type Blueprint, type BlueprintSection } from "../blueprint.js";
import { sectionIndexFor } from "../sections.js";
import type { Diagnostic, Location } from "../diagnostic.js";
import type { Question } from "../question.js";
import { itemFacts, type ItemFacts } from "../rules.js";
import { markingFit, syllabusScope } from "../structure.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { QuestionType } from "../question-types.js";
import { TupleIds } from "./tuple-ids.js";

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
 * `[...items].sort().join(separator)`, without the copy and the sort for one or two items (most
 * questions have one or two knowledge points, most cases two sub-questions): sorting allocates.
 */
export function sortedJoin(items: readonly string[], separator: string): string {
  if (items.length === 1) return items[0]!;
  if (items.length === 2) return items[0]! <= items[1]! ? `${items[0]}${separator}${items[1]}` : `${items[1]}${separator}${items[0]}`;
  return [...items].sort().join(separator);
}

/** The knowledge points of a class key: the one point, or the points in order joined by "+". */
function pointsOf(q: Question): string {
  return sortedJoin(q.knowledge_point, "+");
}

/** A case's grading in a class key: each sub-question's level, difficulty and points, in order. */
function caseGrading(q: Extract<Question, { kind: "material" }>, codes: GradeCodes): string {
  return sortedJoin(
    q.subquestions.map((s) => `${codes.level(s.level)}${codes.difficulty(s.difficulty)}${s.points}`),
    ",",
  );
}

/**
 * What makes questions interchangeable, read straight off the question. Two questions with the same key
 * have the same facts under every rule. Built once per class, from its first question (see classNode).
 */
function interchangeKey(q: Question, section: BlueprintSection, sectionIndex: number, codes: GradeCodes): string {
  const grading = q.kind === "material" ? caseGrading(q, codes) : `${codes.level(q.level)}${codes.difficulty(q.difficulty)}`;
  // The section as one letter (a, b, …): the key seeds which members a class gives first (stock.ts).
  return `${String.fromCharCode(97 + sectionIndex)}|${q.chapter}|${pointsOf(q)}|${grading}|${q.minutes ?? section.minutes_each}`;
}

/**
 * The class key's parts as a walk through `ids`, with no string built for the common question: the same
 * node for two questions exactly when interchangeKey and the reuse mark agree. Grades are walked by name:
 * the one-letter codes stand for names one for one. The section comes first, and with it the kind, so a
 * case's grading and another question's level never meet at one step.
 */
function classNode(ids: TupleIds, q: Question, section: BlueprintSection, sectionIndex: number, reused: boolean, codes: GradeCodes): number {
  let node = ids.step(TupleIds.ROOT, sectionIndex);
  node = ids.step(node, q.chapter);
  node = ids.step(node, pointsOf(q));
  if (q.kind === "material") node = ids.step(node, caseGrading(q, codes));
  else node = ids.step(ids.step(node, q.level), q.difficulty);
  node = ids.step(node, q.minutes ?? section.minutes_each);
  return ids.step(node, reused);
}

const NOWHERE: Location = { file: "", path: [] };

/** The section (by position) an eligible question goes to: the blueprint has it and the question keeps the structural rules (structure.ts); else why not. */
function placement(q: Question, blueprint: Blueprint, syllabus: SyllabusIndex): number | IneligibleReason {
  const sectionIndex = sectionIndexFor(blueprint, q);
  const section = blueprint.sections[sectionIndex];
  if (!section) return { kind: "no-section", type: q.type };
  const broken = syllabusScope(q, NOWHERE, syllabus)[0] ?? markingFit(q, NOWHERE, section.points_each)[0];
  if (broken) {
    const { location: _unplaced, ...finding } = broken;
    return { kind: "finding", finding: finding as Diagnostic };
  }
  return sectionIndex;
}

/** Per question (by position): eligible, and if so, reused and barred. */
const ELIGIBLE = 1;
const REUSED = 2;
const BARRED = 4;

/** Questions with one class key (see classNode), in bank order: their positions and ids. */
interface Group {
  positions: number[];
  ids: string[];
}

/**
 * Every question is read once, in bank order: whether it is eligible, and which class it joins. Each
 * pass over 50,000 questions scattered in memory costs tens of milliseconds on this project's machine,
 * so the classes are made afterwards from what that pass kept (positions, ids and flags), not by another.
 */
export function classifyBank(
  questions: readonly Question[],
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  history: { used: ReadonlySet<string>; allowReuse: boolean; barred?: ReadonlySet<string> },
): ClassifiedBank {
  const ineligible: Ineligible[] = [];
  const pinned = new Map(blueprint.include.map((pin) => [pin.id, pin.forms ?? ("all" as const)]));
  const kept = new Set(blueprint.exclude);
  // Where each id is first used: duplicates are found here, and enemies' eligibility read from it.
  const firstAt = new Map<string, number>();
  const state = new Uint8Array(questions.length);
  const sectionOf = new Int32Array(questions.length);
  const withEnemies: number[] = [];
  // A pinned question and a set's member are classes of their own; so is a question with enemies, which
  // is known only once every question is read (it is taken out of its group then).
  const alone: number[] = [];
  const groups = new Map<number, Group>();
  const nodeOf = new Int32Array(questions.length).fill(-1);
  const ids = new TupleIds();
  const codes = gradeCodes(syllabus);
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i]!;
    if (firstAt.has(q.id)) {
      ineligible.push({ id: q.id, reason: { kind: "duplicate-id" } });
      continue;
    }
    firstAt.set(q.id, i);
    if (kept.size && kept.has(q.id)) {
      ineligible.push({ id: q.id, reason: { kind: pinned.has(q.id) ? "included-and-excluded" : "excluded" } });
      continue;
    }
    const placed = placement(q, blueprint, syllabus);
    if (typeof placed !== "number") {
      ineligible.push({ id: q.id, reason: placed });
      continue;
    }
    const isPinned = pinned.size > 0 && pinned.has(q.id);
    // The history rule's bound is 0: a barred question has no place in any paper. A pinned one stays,
    // so the rule (a row) makes the pin impossible and the diagnosis names it.
    const barred = history.barred?.has(q.id) ?? false;
    if (barred && !isPinned) {
      ineligible.push({ id: q.id, reason: { kind: "history" } });
      continue;
    }
    const reused = history.used.size > 0 && history.used.has(q.id);
    // A pinned question stays even when reused: the history rule then decides, and says so.
    if (reused && !history.allowReuse && !isPinned) continue;
    state[i] = ELIGIBLE | (reused ? REUSED : 0) | (barred ? BARRED : 0);
    sectionOf[i] = placed;
    if (q.excludes.length) withEnemies.push(i);
    if (isPinned || q.set !== undefined) {
      alone.push(i);
      continue;
    }
    const node = classNode(ids, q, blueprint.sections[placed]!, placed, reused, codes);
    nodeOf[i] = node;
    const group = groups.get(node);
    if (group) {
      group.positions.push(i);
      group.ids.push(q.id);
    } else groups.set(node, { positions: [i], ids: [q.id] });
  }

  // An enemy counts when its question is eligible (a duplicate never is; the id's first use may be).
  const eligibleId = (id: string) => {
    const at = firstAt.get(id);
    return at !== undefined && state[at] !== 0;
  };
  const enemies = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!eligibleId(b) || a === b) return;
    enemies.set(a, (enemies.get(a) ?? new Set()).add(b));
    enemies.set(b, (enemies.get(b) ?? new Set()).add(a));
  };
  for (const i of withEnemies) for (const other of questions[i]!.excludes) link(questions[i]!.id, other);
  // Only the groups holding a question with enemies need looking at.
  const holding = new Set<Group>();
  for (const id of enemies.keys()) {
    const node = nodeOf[firstAt.get(id)!]!;
    if (node >= 0) holding.add(groups.get(node)!);
  }
  holding.forEach((group) => takeOut(group, (id) => enemies.has(id), alone));

  const made = (i: number, key: string, members: string[], own: boolean): QuestionClass => {
    const q = questions[i]!;
    const sectionIndex = sectionOf[i]!;
    const section = blueprint.sections[sectionIndex]!;
    const reused = (state[i]! & REUSED) !== 0;
    const facts = itemFacts(q, section, syllabus, sectionIndex);
    if (reused) facts.reused = true;
    if ((state[i]! & BARRED) !== 0) facts.barred = true;
    // A class of its own stands for one question: rules that name questions (pins) can see which.
    if (own) facts.id = q.id;
    const c: QuestionClass = { key, section, sectionIndex, facts, members, reused };
    const pin = pinned.get(q.id);
    if (pin) c.pinned = pin;
    if (q.set !== undefined) c.set = q.set;
    return c;
  };
  const classes: QuestionClass[] = alone.map((i) => made(i, `id:${questions[i]!.id}`, [questions[i]!.id], true));
  groups.forEach(({ positions, ids: members }) => {
    if (positions.length === 0) return;
    // The class is told by its first question (in bank order), as every member has the same key.
    const first = positions[0]!;
    const q = questions[first]!;
    const key = `${interchangeKey(q, blueprint.sections[sectionOf[first]!]!, sectionOf[first]!, codes)}|${(state[first]! & REUSED) !== 0 ? "reused" : "new"}`;
    classes.push(made(first, key, members, false));
  });
  classes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Members come in bank order, most often sorted already: sorting allocates a work list per class.
  for (const c of classes) if (!inOrder(c.members)) c.members.sort();
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

/** Whether the ids are in the order sort() puts them in (code units, as `<` compares strings). */
export function inOrder(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! > ids[i]!) return false;
  return true;
}

/** Moves the group's questions whose id `out` holds to `to`, keeping the rest in order. */
function takeOut(group: Group, out: (id: string) => boolean, to: number[]): void {
  let kept = 0;
  group.ids.forEach((id, k) => {
    if (out(id)) to.push(group.positions[k]!);
    else {
      group.ids[kept] = id;
      group.positions[kept++] = group.positions[k]!;
    }
  });
  group.ids.length = kept;
  group.positions.length = kept;
}
