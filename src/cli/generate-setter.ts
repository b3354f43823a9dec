import type { AssembledForm } from "../core/assemble/assemble.js";
import { describeIneligible } from "./messages/ineligible.js";
import type { Lang } from "./messages/types.js";
import { classifyBank } from "../core/assemble/classes.js";
import { pinProblems, type PinProblem } from "../core/assemble/pins.js";
import { indexBank } from "../core/bank.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { dirname, relative } from "node:path";
import { barredByHistory, withSitting, type History } from "../core/history.js";
import { resolvePaper } from "../core/paper.js";
import { shufflePaperFile, type ShuffleMode } from "../core/shuffle.js";
import { bankSets, validatePaper } from "../core/validate.js";
import { historyPathOf, loadHistory, writeHistory } from "../io/history-file.js";
import { displayPath } from "../io/load-project.js";
import type { Project } from "../io/load-project.js";
import type { CommandResult } from "./command-result.js";
import { UsageError, type RunContext } from "./run.js";
import { recordedForms } from "./messages/outputs.js";

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
    const { paper, diagnostics } = resolvePaper(file, byId, { file: form.label, path: [] }, project.syllabus.types);
    if (paper.name === undefined && form.paper.name !== undefined) paper.name = form.paper.name;
    return { ...form, file, paper, report: validatePaper(paper, project.blueprint, project.syllabus, diagnostics, bankSets(project.bank.questions)) };
  });
}

/**
 * rules.history: the questions the bank's history file keeps out of the next paper (used in the last N
 * recorded sittings, or k times in the last M), for the solver's classes and the validator's history rule.
 * `before` is the sitting the paper is for, when it is already recorded (validate, replace).
 */
export function historyBarred(project: Project, before?: (history: History) => string | undefined): { ok: true; barred: Set<string> } | { ok: false; diagnostics: Diagnostic[] } {
  const rules = project.blueprint.rules.history;
  if (rules.not_within_sittings === undefined && rules.max_uses === undefined) return { ok: true, barred: new Set() };
  const history = loadHistory(historyPathOf(project.bankDir));
  if (!history.ok) return history;
  return { ok: true, barred: new Set(barredByHistory(rules, history.history, before?.(history.history)).keys()) };
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

function pinProblemText(p: PinProblem, lang: Lang): string {
  return lang === "zh" ? zhPinProblemText(p) : enPinProblemText(p);
}

function zhPinProblemText(p: PinProblem): string {
  switch (p.code) {
    case "unknown":
      return `指定入卷的题目 ${p.id} 不在题库中`;
    case "ineligible":
      return `指定入卷的题目 ${p.id} 不能入卷：${describeIneligible(p.reason, "zh")}`;
    case "crowded":
      return `指定入卷的题目 ${p.ids.join("、")}：试卷的${p.type}只有 ${p.count} 题`;
    case "enemies":
      return `指定入卷的题目 ${p.ids.join(" 与 ")} 互斥，不能同卷`;
    case "overlap":
      return p.forms > 2
        ? `指定入卷的题目 ${p.ids.join("、")} 会同时出现在 ${p.forms} 套试卷中的两套以上：请指定入哪几卷（题号@A,B），或至多组 2 套`
        : `指定入卷的题目 ${p.ids.join("、")} 在两套试卷中都有：--max-overlap ${p.maxOverlap} 只允许共用 ${p.maxOverlap} 题，至少要放宽到 ${p.ids.length}`;
    case "form":
      return `指定入卷的题目 ${p.id} 指定入 ${p.form} 卷，但只组 ${p.forms} 套试卷`;
  }
}

function enPinProblemText(p: PinProblem): string {
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
export function checkPins(project: Project, forms: number, maxOverlap: number, avoid: Iterable<string>, barred: ReadonlySet<string>, style: RunContext["style"]): CommandResult | undefined {
  if (!project.blueprint.include.length) return undefined;
  const classified = classifyBank(project.bank.questions, project.blueprint, project.syllabus, { used: new Set(avoid), allowReuse: true });
  // An included question the history keeps out is named here, before any solving.
  const ineligible = [...classified.ineligible, ...project.blueprint.include.filter((p) => barred.has(p.id)).map((p) => ({ id: p.id, reason: { kind: "history" as const } }))];
  const problems = pinProblems(project.bank, project.blueprint, ineligible, forms, maxOverlap);
  if (!problems.length) return undefined;
  const lines = problems.map((p) => pinProblemText(p, style.lang));
  const unknown = problems.some((p) => p.code === "unknown" || p.code === "form");
  const outcome = unknown ? "bad-input" : "infeasible";
  const zh = style.lang === "zh";
  const label = style.color.red(unknown ? (zh ? "错误：" : "error: ") : zh ? "组卷失败：" : "infeasible: ");
  return { outcome, text: lines.map((l) => `${label}${l}`).join("\n"), json: { ok: false, outcome, problems, messages: lines } };
}


/** generate --record: each form's bank questions appended to the history file under the sitting, as `zujuan record` does. */
export function recordForms(
  project: Project,
  forms: readonly { form: AssembledForm; path: string }[],
  sitting: string,
  lang: Lang,
): { ok: true; text: string; json: object } | { ok: false; diagnostics: Diagnostic[] } {
  const path = historyPathOf(project.bankDir);
  const loaded = loadHistory(path);
  if (!loaded.ok) return loaded;
  let history = loaded.history;
  for (const { form, path: paper } of forms) {
    const questions = form.paper.sections.flatMap((s) => s.questions.map((q) => q.id)).filter((id) => !form.paper.inline.has(id));
    history = withSitting(history, { sitting, paper: relative(dirname(path), paper).split("\\").join("/"), form: form.label, questions }).history;
  }
  if (history !== loaded.history) writeHistory(path, history);
  const shown = displayPath(path);
  const labels = forms.map((f) => f.form.label).join(", ");
  return { ok: true, text: recordedForms(labels, forms.length, sitting, shown, lang), json: { history: shown, sitting, forms: forms.map((f) => f.form.label) } };
}
