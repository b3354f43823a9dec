import type { Bank } from "../bank.js";
import type { Question } from "../question.js";
import type { Blueprint } from "../blueprint.js";
import type { LpModel, LpSolution, Solver } from "../lp.js";
import { paperFileOf, resolvePaper, type Paper, type PaperFile } from "../paper.js";
import { impliedRules } from "../rules.js";
import { assemblyRules, overlapBound, overlapRule, questionsWithin, type ShareBound } from "../share.js";
import type { SyllabusIndex } from "../syllabus.js";
import { pinRules } from "../pin-rules.js";
import { bankSets, validatePaper, type PaperUsage, type ValidationReport } from "../validate.js";
import { classifyBank, type ClassifiedBank, type Ineligible } from "./classes.js";
import { Coefficients } from "./coefficients.js";
import { aggregateCheck } from "../coverage/aggregate-bound.js";
import { explainAggregate } from "../coverage/aggregate-explain.js";
import { closestShortfalls } from "./closest.js";
import { bankShortfalls, boundsOf, summarize, type Diagnosis, type RuleShortfall } from "./diagnose.js";
import { formSupplyShortfalls } from "./forms-supply.js";
import { knowledgePointShortfalls, partitionShortfalls } from "./partition-arithmetic.js";
import { cellsOf, gradesOf } from "./groups.js";
import { formLabel, type AssemblyModel } from "./model.js";
import { assembleForms, exactModel, type ClassPick, type ModelContext, type StageContext, type StageOutcome } from "./stages.js";
import { Stock } from "./stock.js";

export interface AssembleOptions {
  seed: number;
  forms?: number;
  /** Questions (a count) or a bound in questions or points any two forms may share (default 0: disjoint forms). */
  maxOverlap?: number | ShareBound;
  /** Ids of questions used in earlier papers. */
  avoid?: Iterable<string>;
  /** Ids of questions the usage history keeps out (rules.history, see barredByHistory). */
  barred?: Iterable<string>;
  timeLimitSeconds?: number;
  solver: Solver;
  /** Recorded in each paper file. */
  blueprintPath?: string;
  generatedBy?: string;
  onProgress?: (stage: AssemblyProgress) => void;
  /** Clock for the time limit (milliseconds); injectable so the core stays free of the environment. */
  now?: () => number;
}

/** Where an assembly is, as data: the CLI says it. */
export type AssemblyProgress = { stage: "grouping" } | { stage: "solving"; variables: number; rows: number } | { stage: "explaining" };

export interface AssembledForm {
  label: string;
  file: PaperFile;
  paper: Paper;
  report: ValidationReport;
}

export interface AssemblyStats {
  questions: number;
  eligible: number;
  classes: number;
  cells: number;
  solves: number;
  solveSeconds: number;
  /** Size of the largest model solved. */
  variables: number;
  rows: number;
}

export type AssembleResult =
  | { ok: true; forms: AssembledForm[]; stats: AssemblyStats; ineligible: Ineligible[] }
  | { ok: false; reason: "infeasible" | "timeout" | "error"; diagnosis: Diagnosis; stats: AssemblyStats; ineligible: Ineligible[] };


/** A form's picks by blueprint section position. */
type FormPicks = Map<number, { id: string; chapter: number }[]>;

function takePicks(bank: ClassifiedBank, stock: Stock, picks: readonly ClassPick[], pairs: readonly [number, number][], into: FormPicks[], formOffset: number): void {
  const add = (f: number, section: number, id: string, chapter: number) => {
    const target = into[formOffset + f]!;
    target.set(section, [...(target.get(section) ?? []), { id, chapter }]);
  };
  for (const pick of picks) {
    const c = bank.classes[pick.classIndex]!;
    pick.own.forEach((n, f) => stock.take(pick.classIndex, n).forEach((id) => add(f, c.sectionIndex, id, c.facts.chapter)));
    pick.shared.forEach((n, p) => {
      for (const id of stock.take(pick.classIndex, n)) {
        add(pairs[p]![0], c.sectionIndex, id, c.facts.chapter);
        add(pairs[p]![1], c.sectionIndex, id, c.facts.chapter);
      }
    });
  }
}

/** Within a section, questions follow the syllabus's chapter order, as printed papers do. */
function ordered(picks: FormPicks): Map<number, string[]> {
  return new Map([...picks].map(([section, list]) => [section, [...list].sort((x, y) => x.chapter - y.chapter || (x.id < y.id ? -1 : 1)).map((x) => x.id)]));
}

/** The picked questions by id: a scan of the bank, cheaper than indexing all 50,000 of a large one. */
function pickedQuestions(bank: Bank, picks: readonly FormPicks[]): Map<string, Question> {
  const wanted = new Set(picks.flatMap((form) => [...form.values()].flatMap((list) => list.map((p) => p.id))));
  const byId = new Map<string, Question>();
  for (const q of bank.questions) if (wanted.has(q.id) && !byId.has(q.id)) byId.set(q.id, q);
  return byId;
}

interface Setup {
  classified: ClassifiedBank;
  context: ModelContext;
  stats: AssemblyStats;
  rules: ReturnType<typeof assemblyRules>;
  sets: Map<string, string[]>;
}

function setUp(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: Pick<AssembleOptions, "seed" | "avoid" | "barred" | "forms" | "maxOverlap">): Setup {
  const avoid = new Set(options.avoid ?? []);
  const barred = new Set(options.barred ?? []);
  const maxReused = questionsWithin(blueprint.rules.history.max_reused, blueprint.sections);
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: avoid, allowReuse: maxReused > 0, barred });
  // The pins too, as rules on question ids: the same the validator evaluates (pinRules).
  const sets = bankSets(bank.questions);
  const rules = [...assemblyRules(blueprint, syllabus, { avoid, barred }), ...pinRules(blueprint, sets)];
  const bound = overlapBound(options.maxOverlap);
  const overlap = (options.forms ?? 1) > 1 && bound.unit === "points" ? { overlapRule: overlapRule(bound) } : {};
  const cells = cellsOf(classified);
  const stats: AssemblyStats = {
    questions: bank.questions.length,
    eligible: classified.classes.reduce((s, c) => s + c.members.length, 0),
    classes: classified.classes.length,
    cells: cells.length,
    solves: 0,
    solveSeconds: 0,
    variables: 0,
    rows: 0,
  };
  return { classified, stats, rules, sets, context: { bank: classified, cells, grades: gradesOf(classified, cells), rules, impliedRules: impliedRules(blueprint, syllabus), maxReused, seed: options.seed, coefficients: new Coefficients(classified.classes), ...overlap } };
}

/**
 * Forms one at a time first (each alone is a small problem); if a later form cannot be built from what
 * the earlier ones left, all forms together, which is exact. A first form that cannot be built at all
 * proves that no set of forms can.
 */
async function assembleAll(setup: Setup, context: StageContext, forms: number, maxOverlap: number, seed: number): Promise<{ outcome: StageOutcome; picks: FormPicks[]; formsSolved: number }> {
  const fresh = () => Array.from({ length: forms }, (): FormPicks => new Map());
  if (forms > 1) {
    const stock = new Stock(setup.classified, seed);
    const picks = fresh();
    let f = 0;
    for (; f < forms; f++) {
      const outcome = await assembleForms(context, stock.availability(), 1, 0);
      if (outcome.kind !== "ok") {
        if (f === 0 || outcome.kind === "timeout" || outcome.kind === "error") return { outcome, picks, formsSolved: 1 };
        break;
      }
      takePicks(setup.classified, stock, outcome.picks, outcome.pairs, picks, f);
    }
    if (f === forms) return { outcome: { kind: "ok", picks: [], pairs: [] }, picks, formsSolved: forms };
  }
  const stock = new Stock(setup.classified, seed);
  const picks = fresh();
  const outcome = await assembleForms(context, stock.availability(), forms, maxOverlap);
  if (outcome.kind === "ok") takePicks(setup.classified, stock, outcome.picks, outcome.pairs, picks, 0);
  return { outcome, picks, formsSolved: forms };
}

/**
 * What the blueprint alone makes impossible, whatever the bank: chapter and tier ranges that cannot add
 * up to the total, chapters with too few knowledge points for the questions they must have.
 */
export function blueprintShortfalls(blueprint: Blueprint, syllabus: SyllabusIndex): RuleShortfall[] {
  return [...partitionShortfalls(blueprint, syllabus), ...knowledgePointShortfalls(blueprint, syllabus)];
}

/** A failure found before the bank was looked at: nothing was grouped or solved. */
export function blueprintFailure(shortfalls: RuleShortfall[]): Extract<AssembleResult, { ok: false }> {
  const stats: AssemblyStats = { questions: 0, eligible: 0, classes: 0, cells: 0, solves: 0, solveSeconds: 0, variables: 0, rows: 0 };
  return { ok: false, reason: "infeasible", diagnosis: summarize(true, [], shortfalls), stats, ineligible: [] };
}

/** A first solve that never finishes must not hold the aggregate check up: it is a shortcut, not the proof. */
const AGGREGATE_NODES = 2_000;

/**
 * Disjoint forms counted together (coverage's aggregate, coarse levels only): when even the sum over
 * the forms cannot meet every rule, no set of forms exists, and the rules that give are named, in the
 * forms' total. Milliseconds, where the joint model of many forms can take the whole time limit.
 */
async function disjointFormsShortfalls(setup: Setup, forms: number, solver: Solver, seed: number): Promise<RuleShortfall[] | undefined> {
  const context = {
    bank: setup.classified,
    coefficients: setup.context.coefficients,
    rules: setup.rules,
    impliedRules: setup.context.impliedRules,
    grades: setup.context.grades,
    cells: setup.context.cells,
    maxReused: setup.context.maxReused,
    solver,
    maxNodes: AGGREGATE_NODES,
    seed,
  };
  const available = setup.classified.classes.map((c) => c.members.length);
  const check = await aggregateCheck(context, available, forms);
  if (check.verdict !== "infeasible") return undefined;
  const shortfalls = (await explainAggregate(context, available, forms, check.level)) ?? [];
  return shortfalls.map((s) => ({
    rule: s.rule.id,
    subject: s.rule.subject,
    expected: boundsOf(s.rule),
    form: 0,
    shortBy: s.shortBy,
    closest: s.closest,
    unit: s.rule.unit,
    why: { kind: "disjoint-forms", forms, together: (s.shortBy > 0 ? s.rule.min! : s.rule.max!) * forms },
  }));
}

/**
 * Assembles `forms` papers that meet every rule of the blueprint, or explains why none can.
 * Pure: takes parsed data and a solver, returns data.
 */
export async function assemble(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: AssembleOptions): Promise<AssembleResult> {
  const forms = options.forms ?? 1;
  const maxOverlap = forms > 1 ? questionsWithin(overlapBound(options.maxOverlap), blueprint.sections) : 0;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeLimitSeconds ?? 60) * 1000;
  const progress = options.onProgress ?? (() => {});
  let stats: AssemblyStats | undefined;
  const solveWith = async (built: AssemblyModel, firstFeasible = true, presolve = true): Promise<LpSolution> => {
    const left = (deadline - now()) / 1000;
    if (left <= 0) return { status: "timeout", values: new Map(), seconds: 0 };
    progress({ stage: "solving", variables: built.model.variables.length, rows: built.model.rows.length });
    const solution = await options.solver.solve(built.model, { timeLimitSeconds: left, firstFeasible, presolve, seed: options.seed });
    if (stats) {
      stats.solves += 1;
      stats.solveSeconds += solution.seconds;
      stats.variables = Math.max(stats.variables, built.model.variables.length);
      stats.rows = Math.max(stats.rows, built.model.rows.length);
    }
    return solution;
  };

  progress({ stage: "grouping" });
  const setup = setUp(bank, blueprint, syllabus, options);
  const context: StageContext = { ...setup.context, solve: (built, tuning) => solveWith(built, true, tuning?.presolve ?? true) };
  stats = setup.stats;
  const base = { stats: setup.stats, ineligible: setup.classified.ineligible };

  // What arithmetic alone proves needs no model: chapter and tier ranges that cannot add up to the
  // total, chapters with too few knowledge points for the questions they must have.
  const arithmetic = blueprintShortfalls(blueprint, syllabus);
  if (arithmetic.length) return { ok: false, reason: "infeasible", diagnosis: summarize(true, [], arithmetic), ...base };
  // Several forms may be impossible by counting alone: say so at once, naming the section.
  const formShort = formSupplyShortfalls(setup.classified, blueprint.sections, forms, maxOverlap);
  if (formShort.length) return { ok: false, reason: "infeasible", diagnosis: summarize(true, [], formShort), ...base };
  // A rule the bank cannot meet even alone is the plainest explanation, and it needs no model: each
  // section filled from its own questions, every other rule ignored (the columns it reads are the
  // model's own, kept for the model built next).
  const bankShort = bankShortfalls(setup.rules, setup.classified, setup.context.coefficients);
  if (bankShort.length) return { ok: false, reason: "infeasible", diagnosis: summarize(true, [], bankShort), ...base };

  if (forms > 1 && maxOverlap === 0) {
    const aggregate = await disjointFormsShortfalls(setup, forms, options.solver, options.seed);
    if (aggregate) return { ok: false, reason: "infeasible", diagnosis: summarize(true, aggregate, []), ...base };
  }

  const { outcome, picks, formsSolved } = await assembleAll(setup, context, forms, maxOverlap, options.seed);
  if (outcome.kind === "infeasible") {
    progress({ stage: "explaining" });
    // Every rule can be met alone (checked above): the closest paper says which rules clash.
    const shortfalls = await closestShortfalls(context, outcome.proof, formsSolved, maxOverlap, (built) => solveWith(built, false));
    return { ok: false, reason: "infeasible", diagnosis: summarize(true, shortfalls, []), ...base };
  }
  if (outcome.kind !== "ok") {
    const diagnosis = summarize(false, [], []);
    if (outcome.kind === "error") diagnosis.failure = { kind: "solver", status: outcome.status, ...(outcome.detail !== undefined ? { detail: outcome.detail } : {}) };
    return { ok: false, reason: outcome.kind, diagnosis, ...base };
  }

  const byId = pickedQuestions(bank, picks);
  const idsOfForm = picks.map((pick) => new Set([...pick.values()].flatMap((list) => list.map((p) => p.id))));
  const assembled = picks.map((pick, f): AssembledForm => {
    const label = formLabel(f);
    const meta: Parameters<typeof paperFileOf>[2] = { name: blueprint.name, form: label, seed: options.seed };
    if (options.blueprintPath !== undefined) meta.blueprint = options.blueprintPath;
    if (options.generatedBy !== undefined) meta.generated_by = options.generatedBy;
    const file = paperFileOf(blueprint, ordered(pick), meta);
    const { paper } = resolvePaper(file, byId, { file: label, path: [] }, syllabus.types);
    // Each form is checked against the others too: the overlap bound is the same rule as the model's rows.
    const usage = usageOf(options);
    if (forms > 1) {
      usage.otherForms = idsOfForm.flatMap((ids, g) => (g === f ? [] : [{ label: formLabel(g), ids }]));
      usage.overlap = overlapBound(options.maxOverlap);
    }
    return { label, file, paper, report: validatePaper(paper, blueprint, syllabus, [], setup.sets, usage) };
  });
  const broken = assembled.find((a) => !a.report.ok);
  if (broken) {
    // The model and the checker share one definition of every rule; reaching here is a bug, never a paper.
    const failed = broken.report.checks.filter((c) => c.status === "fail").map((c) => ({ id: c.id, expected: c.expected, actual: c.actual }));
    const diagnosis = summarize(false, [], []);
    diagnosis.failure = { kind: "internal-check", form: broken.label, failed };
    return { ok: false, reason: "error", diagnosis, ...base };
  }
  return { ok: true, forms: assembled, ...base };
}

/** The exact model over the whole bank, for --export-model: what any other MIP solver can check. */
export function assemblyModel(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: Pick<AssembleOptions, "seed" | "forms" | "maxOverlap" | "avoid" | "barred">): LpModel {
  const forms = options.forms ?? 1;
  const setup = setUp(bank, blueprint, syllabus, options);
  const available = setup.classified.classes.map((c) => c.members.length);
  return exactModel(setup.context, available.map((_, i) => i), available, forms, forms > 1 ? questionsWithin(overlapBound(options.maxOverlap), blueprint.sections) : 0).model;
}

/** What each assembled form is checked against besides the blueprint: the avoided and barred questions. */
function usageOf(options: Pick<AssembleOptions, "avoid" | "barred">): PaperUsage {
  const usage: PaperUsage = {};
  const avoid = new Set(options.avoid ?? []);
  const barred = new Set(options.barred ?? []);
  if (avoid.size) usage.reused = avoid;
  if (barred.size) usage.barred = barred;
  return usage;
}
