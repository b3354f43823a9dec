import type { AssembledForm } from "../core/assemble/assemble.js";
import { describeIneligible } from "./messages/ineligible.js";
import { classifyBank } from "../core/assemble/classes.js";
import { pinProblems, type PinProblem } from "../core/assemble/pins.js";
import { indexBank } from "../core/bank.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { overexposed, usedWithin } from "../core/history.js";
import { resolvePaper } from "../core/paper.js";
import { shufflePaperFile, type ShuffleMode } from "../core/shuffle.js";
import { bankSets, validatePaper } from "../core/validate.js";
import { historyPathOf, loadHistory } from "../io/history-file.js";
import type { Project } from "../io/load-project.js";
import type { CommandResult } from "./command-result.js";
import { UsageError, type RunContext } from "./run.js";

// What generate adds to the blueprint and to the papers for the setter's hand: pins, history rules, shuffled forms.

export function shuffleModesFrom(text: string | undefined): ShuffleMode[] {
  if (text === undefined) return [];
  const modes = text.split(",").map((m) => m.trim());
  if (!modes.length || modes.some((m) => m !== "options" && m !== "questions")) throw new UsageError(`--shuffle takes options, questions or options,questions, not ${text}`);
  return modes as ShuffleMode[];
}

/** Each form its own seeded order, recorded in its paper file; paper, key and spec are then drawn from that file. */
export function shuffleForms(forms: readonly AssembledForm[], project: Project, seed: number, modes: readonly ShuffleMode[]): AssembledForm[] {
  const byId = indexBank(project.bank);
  return forms.map((form) => {
    const file = shufflePaperFile(form.file, byId, seed, modes);
    const { paper, diagnostics } = resolvePaper(file, byId, { file: form.label, path: [] });
    if (paper.name === undefined && form.paper.name !== undefined) paper.name = form.paper.name;
    return { ...form, file, paper, report: validatePaper(paper, project.blueprint, project.syllabus, diagnostics, bankSets(project.bank.questions)) };
  });
}

/** rules.history: questions of the last N recorded sittings, and those used k times in the last M, join the blueprint's exclude. */
export function historyRule(project: Project): { ok: true; project: Project } | { ok: false; diagnostics: Diagnostic[] } {
  const { not_within_sittings: n, max_uses: uses } = project.blueprint.rules.history;
  if (n === undefined && uses === undefined) return { ok: true, project };
  const history = loadHistory(historyPathOf(project.bankDir));
  if (!history.ok) return history;
  const kept = new Set([...(n === undefined ? [] : usedWithin(history.history, n)), ...(uses === undefined ? [] : overexposed(history.history, uses.times, uses.sittings))]);
  const recent = [...kept].sort();
  return { ok: true, project: { ...project, blueprint: { ...project.blueprint, exclude: [...project.blueprint.exclude, ...recent] } } };
}

/** Command-line pins join the blueprint's, so the solver and the validator read them from one place. */
export function withPins(project: Project, options: { include?: string[]; exclude?: string[] }): Project {
  if (!options.include?.length && !options.exclude?.length) return project;
  const include = (options.include ?? []).map((text) => {
    const [id, forms] = text.split("@");
    return forms ? { id: id!, forms: forms.split(",").map((f) => f.trim().toUpperCase()) } : { id: id! };
  });
  const blueprint = { ...project.blueprint, include: [...project.blueprint.include, ...include], exclude: [...project.blueprint.exclude, ...(options.exclude ?? [])] };
  return { ...project, blueprint };
}

function pinProblemText(p: PinProblem): string {
  switch (p.code) {
    case "unknown":
      return `included question ${p.id} is not in the bank`;
    case "ineligible":
      return `included question ${p.id} cannot be in a paper: ${describeIneligible(p.reason, "en")}`;
    case "crowded":
      return `included questions ${p.ids.join(", ")}: the paper has only ${p.count} ${p.type}`;
    case "enemies":
      return `included questions ${p.ids.join(" and ")} exclude each other`;
    case "overlap":
      return p.forms > 2
        ? `included questions ${p.ids.join(", ")} would be in more than two of the ${p.forms} forms: pin them to forms (ID@A,B) or assemble at most 2 forms`
        : `included questions ${p.ids.join(", ")} are in both forms: --max-overlap ${p.maxOverlap} allows ${p.maxOverlap} shared, raise it to at least ${p.ids.length}`;
    case "form":
      return `included question ${p.id} is pinned to form ${p.form}, but only ${p.forms} form${p.forms === 1 ? "" : "s"} are assembled`;
  }
}

/** Pins that no paper can hold, before any solving: an unknown id is bad input, the rest infeasible (named). */
export function checkPins(project: Project, forms: number, maxOverlap: number, avoid: Iterable<string>, style: RunContext["style"]): CommandResult | undefined {
  if (!project.blueprint.include.length) return undefined;
  const { ineligible } = classifyBank(project.bank.questions, project.blueprint, project.syllabus, { used: new Set(avoid), allowReuse: true });
  const problems = pinProblems(project.bank, project.blueprint, ineligible, forms, maxOverlap);
  if (!problems.length) return undefined;
  const lines = problems.map(pinProblemText);
  const unknown = problems.some((p) => p.code === "unknown" || p.code === "form");
  const outcome = unknown ? "bad-input" : "infeasible";
  const label = unknown ? style.color.red("error") : style.color.red("infeasible");
  return { outcome, text: lines.map((l) => `${label}: ${l}`).join("\n"), json: { ok: false, outcome, problems, messages: lines } };
}

