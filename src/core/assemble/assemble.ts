import type { Bank } from "../bank.js";
import { indexBank } from "../bank.js";
import type { Blueprint } from "../blueprint.js";
import type { LpModel, LpSolution, Solver } from "../lp.js";
import { paperFileOf, resolvePaper, type Paper, type PaperFile } from "../paper.js";
import { hashString, seededRandom, shuffled } from "../random.js";
import { paperRules } from "../rules.js";
import type { SyllabusIndex } from "../syllabus.js";
import { validatePaper, type ValidationReport } from "../validate.js";
import type { QuestionType } from "../vocabulary.js";
import { classifyBank, type ClassifiedBank, type Ineligible } from "./classes.js";
import { bankShortfalls, slackShortfalls, summarize, type Diagnosis } from "./diagnose.js";
import { buildModel, mName, uName, type AssemblyModel } from "./model.js";

export interface AssembleOptions {
  seed: number;
  forms?: number;
  /** Questions any two forms may share (default 0: disjoint forms). */
  maxOverlap?: number;
  /** Ids of questions used in earlier papers. */
  avoid?: Iterable<string>;
  timeLimitSeconds?: number;
  solver: Solver;
  /** Recorded in each paper file. */
  blueprintPath?: string;
  generatedBy?: string;
  onProgress?: (stage: string) => void;
}

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
  variables: number;
  rows: number;
  solveSeconds: number;
}

export type AssembleResult =
  | { ok: true; forms: AssembledForm[]; model: LpModel; stats: AssemblyStats; ineligible: Ineligible[] }
  | { ok: false; reason: "infeasible" | "timeout" | "error"; diagnosis: Diagnosis; model: LpModel; stats: AssemblyStats; ineligible: Ineligible[] };

export const formLabel = (f: number) => String.fromCharCode(65 + f);

/** Turns class counts into question ids: each class's members in a seeded order, fresh ones first. */
function pickQuestions(bank: ClassifiedBank, built: AssemblyModel, solution: LpSolution, forms: number, seed: number): Map<QuestionType, string[]>[] {
  const picks = Array.from({ length: forms }, () => new Map<QuestionType, { id: string; chapter: number }[]>());
  const take = (f: number, type: QuestionType, id: string, chapter: number) => {
    const list = picks[f]!.get(type) ?? [];
    list.push({ id, chapter });
    picks[f]!.set(type, list);
  };
  bank.classes.forEach((c, ci) => {
    const order = shuffled(c.members, seededRandom(seed ^ hashString(c.key)));
    let next = 0;
    for (let f = 0; f < forms; f++) {
      const n = Math.round(solution.values.get(uName(ci, f)) ?? 0);
      for (let k = 0; k < n; k++) take(f, c.section.type, order[next++]!, c.facts.chapter);
    }
    built.pairs.forEach(([a, b], p) => {
      const n = Math.round(solution.values.get(mName(ci, p)) ?? 0);
      for (let k = 0; k < n; k++) {
        const id = order[next++]!;
        take(a, c.section.type, id, c.facts.chapter);
        take(b, c.section.type, id, c.facts.chapter);
      }
    });
  });
  // Within a section, questions follow the syllabus's chapter order, as printed papers do.
  return picks.map(
    (byType) =>
      new Map([...byType].map(([type, list]) => [type, list.sort((x, y) => x.chapter - y.chapter || (x.id < y.id ? -1 : 1)).map((x) => x.id)])),
  );
}

/**
 * Assembles `forms` papers that meet every rule of the blueprint, or explains why none can.
 * Pure: takes parsed data and a solver, returns data.
 */
export async function assemble(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: AssembleOptions): Promise<AssembleResult> {
  const forms = options.forms ?? 1;
  const maxOverlap = forms > 1 ? (options.maxOverlap ?? 0) : 0;
  const timeLimitSeconds = options.timeLimitSeconds ?? 60;
  const progress = options.onProgress ?? (() => {});
  const avoid = new Set(options.avoid ?? []);
  const maxReused = blueprint.rules.history.max_reused;

  progress("grouping interchangeable questions");
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: avoid, allowReuse: maxReused > 0 });
  const rules = paperRules(blueprint, syllabus);
  const spec = { bank: classified, rules, forms, maxOverlap, maxReused, seed: options.seed };
  const built = buildModel(spec);
  const stats: AssemblyStats = {
    questions: bank.questions.length,
    eligible: classified.classes.reduce((s, c) => s + c.members.length, 0),
    classes: classified.classes.length,
    variables: built.model.variables.length,
    rows: built.model.rows.length,
    solveSeconds: 0,
  };
  const base = { model: built.model, stats, ineligible: classified.ineligible };

  const bankShort = bankShortfalls(rules, classified);
  if (bankShort.length) return { ok: false, reason: "infeasible", diagnosis: summarize(true, [], bankShort), ...base };

  progress(`solving: ${stats.classes} classes, ${stats.variables} variables, ${stats.rows} rows`);
  const solution = await options.solver.solve(built.model, { timeLimitSeconds, firstFeasible: true, seed: options.seed });
  stats.solveSeconds = solution.seconds;
  if (solution.status === "infeasible") {
    progress("explaining why no paper fits");
    const relaxed = buildModel({ ...spec, slack: true });
    const closest = await options.solver.solve(relaxed.model, { timeLimitSeconds, firstFeasible: false, seed: options.seed });
    const shortfalls = closest.status === "optimal" || closest.status === "feasible" ? slackShortfalls(relaxed, closest) : [];
    return { ok: false, reason: "infeasible", diagnosis: summarize(true, shortfalls, []), ...base };
  }
  if (solution.status !== "optimal" && solution.status !== "feasible") {
    const diagnosis = summarize(false, [], []);
    if (solution.status === "error") diagnosis.message = `solver failed: ${solution.message ?? "unknown error"}`;
    return { ok: false, reason: solution.status === "timeout" ? "timeout" : "error", diagnosis, ...base };
  }

  const picks = pickQuestions(classified, built, solution, forms, options.seed);
  const byId = indexBank(bank);
  const assembled = picks.map((pick, f): AssembledForm => {
    const label = formLabel(f);
    const meta: Parameters<typeof paperFileOf>[2] = { name: blueprint.name, form: label, seed: options.seed };
    if (options.blueprintPath !== undefined) meta.blueprint = options.blueprintPath;
    if (options.generatedBy !== undefined) meta.generated_by = options.generatedBy;
    const file = paperFileOf(blueprint, pick, meta);
    const { paper } = resolvePaper(file, byId, { file: `${label}`, path: [] });
    return { label, file, paper, report: validatePaper(paper, blueprint, syllabus) };
  });
  const broken = assembled.find((a) => !a.report.ok);
  if (broken) {
    // The model and the checker share one definition of every rule; reaching here is a bug, never a paper.
    const failed = broken.report.checks.filter((c) => c.status === "fail").map((c) => `${c.label}: expected ${c.expected}, got ${c.actual}`);
    const diagnosis = summarize(false, [], []);
    diagnosis.message = `internal check failed for form ${broken.label}: ${failed.join("; ")}`;
    return { ok: false, reason: "error", diagnosis, ...base };
  }
  return { ok: true, forms: assembled, ...base };
}
