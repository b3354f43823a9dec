import type { Bank } from "../bank.js";
import { type Blueprint } from "../blueprint.js";
import { sectionAt } from "../sections.js";
import type { LpModel, LpRow, LpSolution, LpVariable, Solver } from "../lp.js";
import { paperItems, type Paper, type PaperFile } from "../paper.js";
import { seededRandom, shuffled } from "../random.js";
import { itemFacts, paperRules, type LinearRule, type LinearSubject, type RuleUnit } from "../rules.js";
import type { Bounds } from "../validate.js";
import { boundsOf } from "./diagnose.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { QuestionType } from "../question-types.js";
import { classifyBank, type ClassifiedBank, type IneligibleReason } from "./classes.js";
import { Coefficients } from "./coefficients.js";
import { requiredIn } from "./groups.js";

/**
 * 换题: a paper with some of its questions replaced, every rule still met. Without `with`, every
 * question not asked for stays where it is; with `with`, the chosen questions go in and the fewest
 * others change to make room for them.
 */
export interface ReplaceRequest {
  /** 1-based question numbers, as printed, that must change. */
  numbers: readonly number[];
  /** Bank ids that must be in the new paper. */
  with?: readonly string[];
  seed: number;
  solver: Solver;
  timeLimitSeconds?: number;
  /** Questions the usage history keeps out (rules.history): never a replacement. */
  barred?: ReadonlySet<string>;
  /** Questions of other papers (the sitting's other forms, earlier papers): never a replacement either. */
  avoid?: ReadonlySet<string>;
}

export interface ReplacedQuestion {
  number: number;
  from: string;
  to: string;
}

export type ReplaceProblem =
  | { code: "no-such-number"; number: number; count: number }
  | { code: "unknown-id"; id: string }
  | { code: "already-in-paper"; id: string; number: number }
  | { code: "ineligible"; id: string; reason: IneligibleReason }
  | { code: "no-candidate"; number: number; type: QuestionType }
  | { code: "pinned"; number: number; id: string }
  | { code: "too-many-forced"; type: QuestionType; ids: string[]; count: number };

/** A rule the closest replacement misses: which, its bounds, and what that replacement gives. */
export interface ReplaceShortfall {
  rule: string;
  subject: LinearSubject;
  expected: Bounds;
  unit: RuleUnit;
  closest: number;
}

export type ReplaceResult =
  | { ok: true; file: PaperFile; changed: ReplacedQuestion[] }
  | { ok: false; reason: "usage"; problems: ReplaceProblem[] }
  | { ok: false; reason: "infeasible"; shortfalls: ReplaceShortfall[]; with?: string[] }
  | { ok: false; reason: "timeout" }
  | { ok: false; reason: "error"; status: string; detail?: string };

/** Where a paper question stands: its section, its slot in the section, and its class (if it has one). */
interface Slot {
  number: number;
  section: number;
  index: number;
  id: string;
  classIndex: number | undefined;
}

/** One class of the dedicated model: questions the paper keeps (k), new ones (n), and ones forced in. */
interface ClassColumn {
  classIndex: number;
  /** Paper questions of the class that may stay. */
  current: string[];
  /** Questions the new paper may take from the class. */
  candidates: string[];
  forced: string[];
  /** Paper questions that must stay (without `with`, all that are not asked for). */
  keepAtLeast: number;
}

const kName = (i: number) => `k${i}`;
const nName = (i: number) => `n${i}`;

function slotsOf(paper: Paper, classOf: ReadonlyMap<string, number>): Slot[] {
  return paperItems(paper).map(({ question, section, number }) => {
    const s = paper.sections.indexOf(section);
    return { number, section: s, index: section.questions.indexOf(question), id: question.id, classIndex: classOf.get(question.id) };
  });
}

function checkRequest(slots: readonly Slot[], request: ReplaceRequest, bank: Bank, classified: ClassifiedBank, classOf: ReadonlyMap<string, number>): ReplaceProblem[] {
  const problems: ReplaceProblem[] = [];
  for (const n of request.numbers) {
    const slot = slots[n - 1];
    if (!slot) problems.push({ code: "no-such-number", number: n, count: slots.length });
    else if (slot.classIndex !== undefined && classified.classes[slot.classIndex]!.pinned) problems.push({ code: "pinned", number: n, id: slot.id });
  }
  const known = new Set(bank.questions.map((q) => q.id));
  const inPaper = new Map(slots.map((s) => [s.id, s.number]));
  for (const id of request.with ?? []) {
    if (!known.has(id)) problems.push({ code: "unknown-id", id });
    else if (inPaper.has(id)) problems.push({ code: "already-in-paper", id, number: inPaper.get(id)! });
    else if (request.barred?.has(id)) problems.push({ code: "ineligible", id, reason: { kind: "history" } });
    else if (request.avoid?.has(id)) problems.push({ code: "ineligible", id, reason: { kind: "avoided" } });
    else if (!classOf.has(id)) problems.push({ code: "ineligible", id, reason: classified.ineligible.find((i) => i.id === id)?.reason ?? { kind: "not-eligible" } });
  }
  return problems;
}

function columnsOf(classified: ClassifiedBank, slots: readonly Slot[], request: ReplaceRequest): ClassColumn[] {
  const asked = new Set(request.numbers);
  const leaving = new Set(slots.filter((s) => asked.has(s.number)).map((s) => s.id));
  const forced = new Set(request.with ?? []);
  const inPaper = new Set(slots.map((s) => s.id));
  const flexible = forced.size > 0;
  const barred = new Set([...(request.barred ?? []), ...(request.avoid ?? [])]);
  return classified.classes.map((c, classIndex) => {
    const current = c.members.filter((id) => inPaper.has(id) && !leaving.has(id) && !forced.has(id));
    return {
      classIndex,
      current,
      candidates: c.members.filter((id) => !inPaper.has(id) && !forced.has(id) && !barred.has(id)),
      forced: c.members.filter((id) => forced.has(id)),
      keepAtLeast: flexible ? 0 : current.length,
    };
  });
}

/** The paper's questions outside every class (inline ones): they stay, and count as constants. */
function constantsOf(slots: readonly Slot[], paper: Paper, blueprint: Blueprint, syllabus: SyllabusIndex, asked: ReadonlySet<number>) {
  const items = paperItems(paper);
  return slots
    .filter((s) => s.classIndex === undefined && !asked.has(s.number))
    .map((s) => {
      const item = items[s.number - 1]!;
      const planned = sectionAt(blueprint, item.sectionIndex, item.section.type);
      return itemFacts(item.question, planned?.section ?? { points_each: item.section.points_each, minutes_each: 0 }, syllabus, planned?.index ?? -1);
    });
}

interface Built {
  model: LpModel;
  /** Per rule, the slack variables when the model lets rules give. */
  slacks: { rule: LinearRule; below: string; above: string }[];
}

/**
 * A small model over the classes: k (paper questions kept) and n (new ones) per class, each rule a row
 * over their sum. Cost: each new question costs 1 (the fewest changes) plus a seeded amount under
 * 1/(questions) so the seed picks among equally small changes.
 */
function buildReplaceModel(columns: readonly ClassColumn[], classified: ClassifiedBank, rules: readonly LinearRule[], constants: readonly ReturnType<typeof itemFacts>[], seed: number, slack: boolean, form: number, maxDropped?: number): Built {
  const random = seededRandom(seed);
  const coefficients = new Coefficients(classified.classes);
  const spread = 1 / (columns.reduce((s, c) => s + c.current.length + c.forced.length, 0) + 10);
  const variables: LpVariable[] = [];
  const rows: LpRow[] = [];
  const used = columns.filter((c) => c.current.length || c.candidates.length || c.forced.length);
  for (const c of used) {
    const wobble = Number((random() * spread).toFixed(6));
    variables.push({ name: kName(c.classIndex), lo: c.keepAtLeast, hi: c.current.length, integer: true, cost: 0 });
    variables.push({ name: nName(c.classIndex), lo: 0, hi: Math.min(c.candidates.length, classified.classes[c.classIndex]!.section.count), integer: true, cost: slack ? 0 : 1 + wobble });
  }
  const slacks: Built["slacks"] = [];
  rules.forEach((rule, r) => {
    const column = coefficients.column(rule);
    const terms: [string, number][] = [];
    let fixed = 0;
    for (const c of used) {
      const v = column[c.classIndex]!;
      if (v === 0) continue;
      terms.push([kName(c.classIndex), v], [nName(c.classIndex), v]);
      fixed += v * c.forced.length;
    }
    for (const facts of constants) fixed += rule.measure(facts);
    const row: LpRow = { name: `r${r}`, terms };
    if (rule.min !== undefined) row.lo = rule.min - fixed;
    if (rule.max !== undefined) row.hi = rule.max - fixed;
    if (slack) {
      // Each rule that gives costs more than any amount of giving: the closest paper breaks the fewest rules.
      const reach = 1000;
      const below = `sb${r}`;
      const above = `sa${r}`;
      const gives = `sz${r}`;
      variables.push({ name: below, lo: 0, hi: reach, integer: false, cost: 1 }, { name: above, lo: 0, hi: reach, integer: false, cost: 1 });
      variables.push({ name: gives, lo: 0, hi: 1, integer: true, cost: rule.group === "section" ? 1e7 : 1e5 });
      rows.push({ name: `g${r}`, terms: [[below, 1], [above, 1], [gives, -reach]], hi: 0 });
      row.terms = [...terms, [below, 1], [above, -1]];
      slacks.push({ rule, below, above });
    }
    if (row.terms.length || (row.lo ?? 0) > 0 || (row.hi ?? 0) < 0) rows.push(row);
  });
  if (maxDropped !== undefined) {
    const current = used.reduce((sum, c) => sum + c.current.length, 0);
    rows.push({ name: "kept", terms: used.map((c): [string, number] => [kName(c.classIndex), 1]), lo: current - maxDropped });
  }
  // Included questions stay in (their form's), and question sets stay whole, as in generate.
  const tieFirst = new Map<string, number>();
  for (const c of used) {
    const cls = classified.classes[c.classIndex]!;
    const need = requiredIn(cls, form) - c.forced.length;
    if (need > 0) rows.push({ name: `pin${c.classIndex}`, terms: [[kName(c.classIndex), 1], [nName(c.classIndex), 1]], lo: need });
    if (cls.set === undefined) continue;
    const first = tieFirst.get(cls.set);
    if (first === undefined) tieFirst.set(cls.set, c.classIndex);
    else {
      const fa = columns[first]!.forced.length - c.forced.length;
      rows.push({ name: `tie${c.classIndex}`, terms: [[kName(first), 1], [nName(first), 1], [kName(c.classIndex), -1], [nName(c.classIndex), -1]], lo: -fa, hi: -fa });
    }
  }
  const inModel = new Set(used.map((c) => c.classIndex));
  classified.enemyPairs.forEach(([a, b], e) => {
    if (!inModel.has(a) || !inModel.has(b)) return;
    const forced = columns[a]!.forced.length + columns[b]!.forced.length;
    rows.push({ name: `e${e}`, terms: [[kName(a), 1], [nName(a), 1], [kName(b), 1], [nName(b), 1]], hi: 1 - forced });
  });
  return { model: { variables, rows }, slacks };
}

function shortfallsOf(built: Built, solution: LpSolution): ReplaceShortfall[] {
  const found: ReplaceShortfall[] = [];
  for (const { rule, below, above } of built.slacks) {
    const b = solution.values.get(below) ?? 0;
    const a = solution.values.get(above) ?? 0;
    if (b < 1e-6 && a < 1e-6) continue;
    const closest = b > a ? rule.min! - b : rule.max! + a;
    found.push({ rule: rule.id, subject: rule.subject, expected: boundsOf(rule), unit: rule.unit, closest });
  }
  return found;
}

/** The new paper file: questions put in with `with` take the asked slots of their section first, then every other slot that changes takes a new question of its section, in slot order. */
function rebuild(file: PaperFile, slots: readonly Slot[], asked: ReadonlySet<number>, columns: readonly ClassColumn[], classified: ClassifiedBank, solution: LpSolution, seed: number): { file: PaperFile; changed: ReplacedQuestion[] } {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const staying = new Set<string>();
  // By blueprint section position, which is the paper's (validate holds the order).
  const forced = new Map<number, string[]>();
  const fresh = new Map<number, string[]>();
  const push = (into: Map<number, string[]>, section: number, id: string) => into.set(section, [...(into.get(section) ?? []), id]);
  for (const c of columns) {
    const section = classified.classes[c.classIndex]!.sectionIndex;
    c.forced.forEach((id) => push(forced, section, id));
    const keep = Math.round(solution.values.get(kName(c.classIndex)) ?? c.keepAtLeast);
    // Which of a class's paper questions stay matters to no rule: the first by id.
    c.current.slice(0, keep).forEach((id) => staying.add(id));
    const take = Math.round(solution.values.get(nName(c.classIndex)) ?? 0);
    shuffled(c.candidates, random).slice(0, take).sort().forEach((id) => push(fresh, section, id));
  }
  // Inline questions have no class: they stay unless asked for.
  const leaving = slots.filter((slot) => (slot.classIndex === undefined ? asked.has(slot.number) : !staying.has(slot.id)));
  const ordered = [...leaving.filter((s) => asked.has(s.number)), ...leaving.filter((s) => !asked.has(s.number))];
  const sections = file.sections.map((s) => ({ ...s, questions: [...s.questions] }));
  const filled = new Map<number, string>();
  for (const source of [forced, fresh]) {
    for (const slot of ordered) {
      if (filled.has(slot.number)) continue;
      const next = source.get(slot.section)?.shift();
      if (next !== undefined) filled.set(slot.number, next);
    }
  }
  const changed: ReplacedQuestion[] = [];
  for (const slot of leaving) {
    const next = filled.get(slot.number);
    if (next === undefined) continue;
    sections[slot.section]!.questions[slot.index] = next;
    changed.push({ number: slot.number, from: slot.id, to: next });
  }
  return { file: { ...file, sections }, changed };
}

function failed(solution: LpSolution): ReplaceResult {
  return solution.status === "timeout" || solution.status === "limit"
    ? { ok: false, reason: "timeout" }
    : { ok: false, reason: "error", status: solution.status, ...(solution.message !== undefined ? { detail: solution.message } : {}) };
}

/**
 * Without `with`, one model: every question not asked for is held. With `with`, the fewest others that
 * must change: at most 0, then 1, 2, … dropped, each a feasibility question. Proving one model's
 * optimum took seconds where these small steps take milliseconds; the first feasible step is optimal.
 */
async function fewestChanges(
  columns: readonly ClassColumn[],
  classified: ClassifiedBank,
  rules: readonly LinearRule[],
  constants: readonly ReturnType<typeof itemFacts>[],
  request: ReplaceRequest,
  options: { timeLimitSeconds: number; seed: number },
  form: number,
): Promise<LpSolution> {
  if (!request.with?.length) return request.solver.solve(buildReplaceModel(columns, classified, rules, constants, request.seed, false, form).model, { ...options, firstFeasible: true, presolve: false });
  const current = columns.reduce((sum, c) => sum + c.current.length, 0);
  let last: LpSolution = { status: "infeasible", values: new Map(), seconds: 0 };
  for (let dropped = 0; dropped <= current; dropped++) {
    const model = buildReplaceModel(columns, classified, rules, constants, request.seed, false, form, dropped).model;
    last = await request.solver.solve(model, { ...options, firstFeasible: true, presolve: false });
    if (last.status !== "infeasible") return last;
  }
  return last;
}

/**
 * Re-solves a paper with the asked questions out (and `with` questions in). Pure: the caller validates
 * and writes the file. `file` and `paper` are the same paper, as read and as resolved.
 */
export async function replaceQuestions(file: PaperFile, paper: Paper, bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, request: ReplaceRequest): Promise<ReplaceResult> {
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: true });
  const classOf = new Map<string, number>();
  classified.classes.forEach((c, i) => c.members.forEach((id) => classOf.set(id, i)));
  const slots = slotsOf(paper, classOf);
  const problems = checkRequest(slots, request, bank, classified, classOf);
  if (problems.length) return { ok: false, reason: "usage", problems };

  const columns = columnsOf(classified, slots, request);
  const asked = new Set(request.numbers);
  for (const slot of slots) {
    if (!asked.has(slot.number)) continue;
    const type = paper.sections[slot.section]!.type;
    const any = columns.some((c) => classified.classes[c.classIndex]!.sectionIndex === slot.section && (c.candidates.length || c.forced.length));
    if (!any) problems.push({ code: "no-candidate", number: slot.number, type });
  }
  for (const [i, section] of blueprint.sections.entries()) {
    const ids = columns.filter((c) => classified.classes[c.classIndex]!.sectionIndex === i).flatMap((c) => c.forced);
    if (ids.length > section.count) problems.push({ code: "too-many-forced", type: section.type, ids, count: section.count });
  }
  if (problems.length) return { ok: false, reason: "usage", problems };

  const rules = paperRules(blueprint, syllabus);
  const constants = constantsOf(slots, paper, blueprint, syllabus, asked);
  const options = { timeLimitSeconds: request.timeLimitSeconds ?? 60, firstFeasible: false, seed: request.seed };
  const form = paper.form && /^[A-Z]$/.test(paper.form) ? paper.form.charCodeAt(0) - 65 : 0;
  const solution = await fewestChanges(columns, classified, rules, constants, request, options, form);
  if (solution.status === "optimal" || solution.status === "feasible") return { ok: true, ...rebuild(file, slots, asked, columns, classified, solution, request.seed) };
  if (solution.status !== "infeasible") return failed(solution);

  const relaxed = buildReplaceModel(columns, classified, rules, constants, request.seed, true, form);
  const closest = await request.solver.solve(relaxed.model, options);
  const shortfalls = closest.status === "optimal" || closest.status === "feasible" ? shortfallsOf(relaxed, closest) : [];
  return { ok: false, reason: "infeasible", shortfalls, ...(request.with?.length ? { with: [...request.with] } : {}) };
}
