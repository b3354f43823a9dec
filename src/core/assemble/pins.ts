import type { Bank } from "../bank.js";
import { type Blueprint } from "../blueprint.js";
import { sectionIndexFor } from "../sections.js";
import type { Solver } from "../lp.js";
import type { SyllabusIndex } from "../syllabus.js";
import { validatePaper } from "../validate.js";
import { overlapBound, type ShareBound } from "../share.js";
import { assemble, type AssembledForm, type AssembleOptions, type AssembleResult } from "./assemble.js";
import { formLabel } from "./model.js";
import type { Ineligible, IneligibleReason } from "./classes.js";

/** Why an included question cannot be in any paper, before any solving. */
export type PinProblem =
  | { code: "unknown"; id: string }
  | { code: "ineligible"; id: string; reason: IneligibleReason }
  | { code: "crowded"; type: string; ids: string[]; count: number }
  | { code: "enemies"; ids: [string, string] }
  | { code: "form"; id: string; form: string; forms: number }
  | { code: "overlap"; ids: string[]; forms: number; maxOverlap: number };

/** Included questions that cannot all be in a paper whatever the other rules say. */
export function pinProblems(bank: Bank, blueprint: Blueprint, ineligible: readonly Ineligible[], forms: number, maxOverlap: number): PinProblem[] {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const why = new Map(ineligible.map((i) => [i.id, i.reason]));
  const problems: PinProblem[] = [];
  const bySection = new Map<number, string[]>();
  for (const pin of blueprint.include) {
    const q = byId.get(pin.id);
    if (!q) {
      problems.push({ code: "unknown", id: pin.id });
      continue;
    }
    if (why.has(pin.id)) problems.push({ code: "ineligible", id: pin.id, reason: why.get(pin.id)! });
    for (const form of pin.forms ?? []) {
      if (form.charCodeAt(0) - 65 >= forms) problems.push({ code: "form", id: pin.id, form, forms });
    }
    const at = sectionIndexFor(blueprint, q);
    bySection.set(at, [...(bySection.get(at) ?? []), pin.id]);
  }
  for (const [i, section] of blueprint.sections.entries()) {
    const ids = bySection.get(i) ?? [];
    if (ids.length > section.count) problems.push({ code: "crowded", type: section.type, ids, count: section.count });
  }
  // A question in several forms is shared; the model shares a question between two forms at most.
  const everywhere = blueprint.include.filter((p) => (p.forms ? new Set(p.forms).size : forms) > 1).map((p) => p.id);
  if (everywhere.length && (forms > 2 || everywhere.length > maxOverlap)) problems.push({ code: "overlap", ids: everywhere, forms, maxOverlap });
  const pinned = new Set(blueprint.include.map((p) => p.id));
  for (const id of pinned) {
    for (const other of byId.get(id)?.excludes ?? []) if (pinned.has(other) && id < other) problems.push({ code: "enemies", ids: [id, other] });
  }
  return problems;
}

/**
 * When a blueprint with included questions has no paper: is a pin the cause? If a paper exists without
 * any pin, each pin is dropped in turn; the pins whose absence gives a paper are named. Only called on
 * the infeasible path, so its extra solves cost nothing when a paper exists.
 */
export async function pinCulprits(
  bank: Bank,
  blueprint: Blueprint,
  syllabus: SyllabusIndex,
  options: { seed: number; forms: number; maxOverlap: number | ShareBound; avoid: Iterable<string>; barred?: Iterable<string>; solver: Solver; timeLimitSeconds: number },
): Promise<string[]> {
  if (blueprint.include.length === 0) return [];
  const avoid = [...options.avoid];
  const barred = [...(options.barred ?? [])];
  const attempt = async (include: Blueprint["include"]) =>
    (await assemble(bank, { ...blueprint, include }, syllabus, { seed: options.seed, forms: options.forms, maxOverlap: options.maxOverlap, avoid, barred, solver: options.solver, timeLimitSeconds: options.timeLimitSeconds })).ok;
  if (!(await attempt([]))) return [];
  if (blueprint.include.length === 1) return [blueprint.include[0]!.id];
  const culprits: string[] = [];
  for (const pin of blueprint.include.slice(0, 8)) {
    if (await attempt(blueprint.include.filter((p) => p !== pin))) culprits.push(pin.id);
  }
  return culprits.length ? culprits : blueprint.include.map((p) => p.id);
}

/** Pins to a form other than A: the forms-one-at-a-time assembly builds every form as "A", so these need forms built in turn. */
export function needsFormsInTurn(blueprint: Blueprint, forms: number): boolean {
  return forms > 1 && blueprint.include.some((p) => p.forms?.some((f) => f !== "A"));
}

/**
 * Forms built in turn, each with its own pins: form B avoids what A took beyond the overlap bound, C
 * what A and B took, and so on (stricter than pairwise, so never over the bound). A later form that
 * cannot be built is not a proof that no set of forms exists, and says so.
 */
export async function assembleFormsInTurn(bank: Bank, blueprint: Blueprint, syllabus: SyllabusIndex, options: AssembleOptions): Promise<AssembleResult> {
  const forms = options.forms ?? 1;
  const overlap = overlapBound(options.maxOverlap);
  const history = blueprint.rules.history.max_reused;
  // Later forms reuse what earlier forms and --avoid papers took: within the overlap bound, and the history's when tighter.
  const later = history.max === 0 || history.unit !== overlap.unit || overlap.max < history.max ? overlap : history;
  const taken = new Set(options.avoid ?? []);
  const built: AssembledForm[] = [];
  let last: AssembleResult | undefined;
  for (let f = 0; f < forms; f++) {
    const label = formLabel(f);
    const include = blueprint.include.filter((p) => !p.forms || p.forms.includes(label)).map((p) => ({ id: p.id }));
    const maxReused = f === 0 ? history : later;
    // A question pinned to other forms only is kept for them.
    const elsewhere = blueprint.include.filter((p) => p.forms && !p.forms.includes(label)).map((p) => p.id);
    const own: Blueprint = { ...blueprint, include, exclude: [...blueprint.exclude, ...elsewhere], rules: { ...blueprint.rules, history: { ...blueprint.rules.history, max_reused: maxReused } } };
    last = await assemble(bank, own, syllabus, { ...options, forms: 1, maxOverlap: 0, avoid: taken, seed: options.seed + f });
    if (!last.ok) {
      if (f > 0) {
        last.diagnosis.proven = false;
        last.diagnosis.inTurn = label;
      }
      return last;
    }
    const form = last.forms[0]!;
    const file = { ...form.file, form: label };
    const paper = { ...form.paper, form: label };
    built.push({ label, file, paper, report: validatePaper(paper, blueprint, syllabus) });
    for (const s of file.sections) for (const id of s.questions) if (typeof id === "string") taken.add(id);
  }
  return { ...last!, forms: built } as AssembleResult;
}
