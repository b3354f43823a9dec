import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { basename, relative, resolve } from "node:path";
import type { Command } from "commander";
import { assemble, assemblyModel, blueprintFailure, blueprintShortfalls, type AssembledForm, type AssembleResult } from "../../core/assemble/assemble.js";
import { assembleFormsInTurn, needsFormsInTurn, pinCulprits } from "../../core/assemble/pins.js";
import { paperSize } from "../../core/blueprint.js";
import { isShare, overlapBound, questionsWithin, resolveShare, SHARE_HINT } from "../../core/share.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import { toCplexLp } from "../../core/lp.js";
import { loadProject, loadRules, type Project } from "../../io/load-project.js";
import { openOutputSet, prepareSingleOutput, type Guarded, type OpenSet } from "../../io/output-set.js";
import { paperIdsFromFiles } from "../../io/paper-ids.js";
import { realPathOf } from "../../io/real-path.js";
import { kindsFor, kindsIn, PDF_KINDS, type PdfKind } from "../../io/render/request.js";
import { paperYaml } from "../../io/write-paper.js";
import { HighsSolver } from "../../solver/highs.js";
import { VERSION } from "../../version.js";
import type { CommandResult } from "../command-result.js";
import { exitCodeHelp } from "../exit-code.js";
import { failureReport, generatedReport, withNotes } from "../format-generate.js";
import { assemblyProgressText } from "../messages/diagnosis.js";
import { bankErrors, bankErrorsAlongside, refuseBrokenBank, unusable } from "../load-or-fail.js";
import { seconds, wholeNumber } from "../options.js";
import { formatsFrom, type OutputFormat } from "../output-formats.js";
import { projectGuards } from "../output-guards.js";
import { progressReporter } from "../progress.js";
import { run, UsageError, type RunContext } from "../run.js";
import { renderOutputs } from "../render-outputs.js";
import { historyPathOf, loadHistory } from "../../io/history-file.js";
import { checkPins, historyBarred, recordForms, shuffleForms, shuffleModesFrom, withPins } from "../generate-setter.js";

export interface GenerateOptions {
  blueprint?: string;
  bank?: string;
  seed?: string;
  forms?: string;
  maxOverlap?: string;
  avoid?: string[];
  out?: string;
  pdf?: boolean;
  to?: string;
  force?: boolean;
  timeLimit?: string;
  exportModel?: string;
  format?: string;
  include?: string[];
  exclude?: string[];
  shuffle?: string;
  record?: string;
}

interface Settings {
  seed: number;
  forms: number;
  /** A share ("3", "10%", "10% points", "12 points"), or undefined: the blueprint's rules.overlap. */
  maxOverlap: string | undefined;
  timeLimitSeconds: number;
  /** performance.now() when the command started: the limit counts from there. */
  startedAt: number;
}

export async function generate(options: GenerateOptions, { style }: RunContext): Promise<CommandResult> {
  const startedAt = performance.now();
  const seed = wholeNumber("--seed", options.seed) ?? randomInt(1, 1_000_000);
  const forms = wholeNumber("--forms", options.forms, 1) ?? 1;
  if (forms > 26) throw new UsageError("--forms is at most 26 (forms are labelled A–Z)");
  if (options.maxOverlap !== undefined && !isShare(options.maxOverlap)) throw new UsageError(`--max-overlap must be ${SHARE_HINT}, not ${options.maxOverlap}`);
  const maxOverlap = options.maxOverlap;
  const timeLimitSeconds = seconds(options.timeLimit, 60);

  const solver = HighsSolver.forForms(forms);
  solver.warmUp();
  const progress = progressReporter(style);
  try {
    return await generateWith(solver, progress.update, { seed, forms, maxOverlap, timeLimitSeconds, startedAt }, options, style);
  } finally {
    progress.done();
    solver.close();
  }
}

const label = (f: number) => String.fromCharCode(65 + f);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The files of one generated set, in the order they are committed: per form its paper file, then its PDFs and Word files. */
function setNames(code: string, forms: number, formats: readonly OutputFormat[], kinds: readonly PdfKind[]): string[] {
  return Array.from({ length: forms }, (_, f) => [`${code}-${label(f)}.yaml`, ...formats.flatMap((ext) => kindsIn(ext, kinds).map((k) => `${code}-${label(f)}-${k}.${ext}`))]).flat();
}

/** What the set renders each paper to: nothing with --no-pdf, else what --to names. */
const setFormats = (options: GenerateOptions): OutputFormat[] => (options.pdf === false ? [] : formatsFrom(options.to));

const courseCode = (project: Project) => project.syllabus.syllabus.course.code;

/** What the set holds, by file name: per form its paper file and (unless --no-pdf) its PDFs (the 答题卡 too in sheet mode) and/or Word files. */
async function setContents(
  forms: readonly AssembledForm[],
  project: Project,
  formats: readonly OutputFormat[],
): Promise<{ ok: true; byName: Map<string, string | Uint8Array> } | { ok: false; diagnostics: Diagnostic[] }> {
  const base = (form: AssembledForm) => `${courseCode(project)}-${form.label}`;
  const byName = new Map<string, string | Uint8Array>(forms.map((form) => [`${base(form)}.yaml`, paperYaml(form.file)]));
  if (formats.length === 0) return { ok: true, byName };
  const rendered = await renderOutputs(forms.map((form) => ({ paper: form.paper, spec: form.report.spec, base: base(form) })), project, { formats });
  if (!rendered.ok) return rendered;
  for (const file of rendered.files) byName.set(file.path, file.data);
  return { ok: true, byName };
}

/** Locks the output directory and checks, before any solving, that the set may be written there. */
function openPaperSet(project: Project, options: GenerateOptions, forms: number, guards: readonly Guarded[]): OpenSet {
  const code = courseCode(project);
  const shownDir = options.out ?? "out";
  return openOutputSet({
    dir: resolve(shownDir),
    shownDir,
    option: "--out",
    names: setNames(code, forms, setFormats(options), kindsFor(project.blueprint)),
    member: new RegExp(`^${escapeRegExp(code)}-[A-Z](\\.yaml|-(${PDF_KINDS.join("|")})\\.(pdf|docx))$`),
    force: options.force === true,
    guards,
  });
}

/** Opens the output set; when that fails (a set in the way, a path refused), a broken bank is still what is reported first. */
function openSetUnlessBroken(open: () => OpenSet, brokenBank: () => CommandResult | undefined): OpenSet | CommandResult {
  try {
    return open();
  } catch (cause) {
    const refused = brokenBank();
    if (refused) return refused;
    throw cause;
  }
}

async function generateWith(
  solver: HighsSolver,
  progress: (stage: string) => void,
  { seed, forms, maxOverlap: overlapAsked, timeLimitSeconds, startedAt }: Settings,
  options: GenerateOptions,
  style: RunContext["style"],
): Promise<CommandResult> {
  const loadOptions: { blueprint?: string; bank?: string } = {};
  if (options.blueprint !== undefined) loadOptions.blueprint = options.blueprint;
  if (options.bank !== undefined) loadOptions.bank = options.bank;
  progress(style.lang === "zh" ? "读取细目表和考试大纲" : "loading the blueprint and syllabus");
  const rules = loadRules(loadOptions);
  // A blueprint that arithmetic alone proves impossible is answered before the bank is read.
  const impossible = rules.ok ? blueprintShortfalls(rules.blueprint, rules.syllabus) : [];
  if (impossible.length) return failureReport(blueprintFailure(impossible), { seed, timeLimitSeconds }, style);
  progress(style.lang === "zh" ? "读取题库" : "loading the bank");
  const loaded = loadProject(loadOptions, rules);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  // The bank's lint runs while HiGHS solves the first model (below), on a thread otherwise idle; a bank
  // with errors is still refused before anything is written, and before any other finding is reported.
  let refusal: CommandResult | undefined | null = null;
  const brokenBank = () => (refusal === null ? (refusal = refuseBrokenBank(bankErrors(loaded.project, loaded.diagnostics), style)) : refusal);
  const shuffleModes = shuffleModesFrom(options.shuffle);
  const sitting = options.record?.trim();
  if (options.record !== undefined && !sitting) throw new UsageError("--record takes the sitting, e.g. --record 2026-10");
  // A history file that cannot be read is found before any solving, not after the papers are written.
  const recordable = sitting ? loadHistory(historyPathOf(loaded.project.bankDir)) : undefined;
  if (recordable && !recordable.ok) return brokenBank() ?? unusable(recordable.diagnostics, style);
  const history = historyBarred(loaded.project);
  if (!history.ok) return brokenBank() ?? unusable(history.diagnostics, style);
  const barred = [...history.barred].sort();
  const project = withPins(loaded.project, options);
  const sections = project.blueprint.sections;
  const maxOverlap = overlapAsked !== undefined ? resolveShare(overlapAsked, paperSize(sections)) : (project.blueprint.rules.overlap.max_shared ?? overlapBound(0));
  const avoided = paperIdsFromFiles(options.avoid ?? []);
  if (!avoided.ok) return brokenBank() ?? unusable(avoided.diagnostics, style);
  const pinned = checkPins(project, forms, questionsWithin(maxOverlap, sections), avoided.ids, history.barred, style);
  if (pinned) return brokenBank() ?? pinned;

  const guards = projectGuards(project, (options.avoid ?? []).map((path) => ({ path, what: "a paper given to --avoid" })));
  const exportModel = options.exportModel ? { path: resolve(options.exportModel), shown: options.exportModel } : undefined;
  const writeModel = exportModel ? prepareSingleOutput(exportModel, "--export-model", options.force === true, guards) : undefined;
  const set = openSetUnlessBroken(() => openPaperSet(project, options, forms, guards), brokenBank);
  if (!("commit" in set)) return set;
  try {
    if (exportModel && set.files.some((f) => realPathOf(f.path) === realPathOf(exportModel.path))) throw new UsageError(`--export-model ${exportModel.shown} is one of the paper files: choose another file`);
    // The limit counts from the start of the command, as a user reads "time limit" (not from the start
    // of the process, which in a library caller or a long-lived test worker may be long ago).
    const left = timeLimitSeconds - (performance.now() - startedAt) / 1000;
    const assembleWith = needsFormsInTurn(project.blueprint, forms) ? assembleFormsInTurn : assemble;
    const assembling = assembleWith(project.bank, project.blueprint, project.syllabus, {
      seed,
      forms,
      maxOverlap,
      avoid: avoided.ids,
      barred,
      timeLimitSeconds: left,
      solver,
      blueprintPath: relative(resolve(options.out ?? "out"), project.blueprintFile).split("\\").join("/"),
      generatedBy: `zujuan ${VERSION}`,
      onProgress: (stage) => progress(assemblyProgressText(stage, style.lang)),
    });
    // Whatever the outcome, it is read below; until then a failed assembly is no unhandled rejection.
    assembling.catch(() => undefined);
    // In steps, so that each answer of the solver is read, and the next model sent, between them.
    const refused = refusal === null ? (refusal = refuseBrokenBank(await bankErrorsAlongside(loaded.project, loaded.diagnostics), style)) : refusal;
    if (refused) {
      // The solver is closed on the way out, which ends the assembly: its outcome is of no interest.
      return refused;
    }
    const result: AssembleResult = await assembling;

    if (writeModel) writeModel(toCplexLp(assemblyModel(project.bank, project.blueprint, project.syllabus, { seed, forms, maxOverlap, avoid: avoided.ids, barred })));
    if (!result.ok) {
      const culprits = result.reason === "infeasible" ? await pinCulprits(project.bank, project.blueprint, project.syllabus, { seed, forms, maxOverlap, avoid: avoided.ids, barred, solver, timeLimitSeconds: Math.min(timeLimitSeconds, 15) }) : [];
      if (culprits.length) result.diagnosis.culprits = culprits;
      return withNotes(failureReport(result, { seed, timeLimitSeconds }, style), set.notes);
    }

    if (shuffleModes.length) result.forms = shuffleForms(result.forms, project, seed, shuffleModes);
    const formats = setFormats(options);
    if (formats.length) {
      progress(style.lang === "zh" ? `排版 ${formats.map((f) => (f === "pdf" ? "PDF" : "Word")).join("、")} 文件` : `rendering the ${formats.map((f) => (f === "pdf" ? "PDFs" : "Word files")).join(" and ")}`);
    }
    const contents = await setContents(result.forms, project, formats);
    if (!contents.ok) return unusable(contents.diagnostics, style);
    set.commit(set.files.map((f) => contents.byName.get(basename(f.path))!));
    const shownOf = (name: string) => set.files.find((f) => basename(f.path) === name)!.shown;
    const written = result.forms.map((form) => ({ form, shown: shownOf(`${courseCode(project)}-${form.label}.yaml`) }));
    const report = generatedReport(result, written, set.files.map((f) => f.shown), seed, style);
    const recorded = sitting ? recordForms(project, written.map(({ form, shown }) => ({ form, path: resolve(shown) })), sitting, style.lang) : undefined;
    if (recorded && !recorded.ok) return unusable(recorded.diagnostics, style);
    const withRecord = recorded ? { ...report, text: `${report.text}\n${recorded.text}`, json: { ...(report.json as object), recorded: recorded.json } } : report;
    return withNotes(withRecord, set.notes);
  } finally {
    set.close();
  }
}

export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("assemble papers that meet every rule of the blueprint exactly (0-1 integer programming)")
    .option("--blueprint <file>", "blueprint (default: the one blueprint in ./blueprints)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--seed <n>", "seed for variety; the same seed gives the same paper (default: random, printed)")
    .option("--forms <n>", "parallel forms to assemble at once (A/B卷)", "1")
    .option("--max-overlap <k>", "what any two forms may share: questions (3), a percentage of the questions (10%) or of the points (\"10% points\"), or points (\"12 points\"); default the blueprint's rules.overlap, else 0")
    .option("--avoid <papers...>", "earlier paper files whose questions must not be reused")
    .option("--include <ids...>", "questions every form must hold (ID@A: form A only), with the blueprint's include:")
    .option("--exclude <ids...>", "questions no form may hold, with the blueprint's exclude:")
    .option("--record <sitting>", "record the forms as used in this sitting (e.g. 2026-10) in the bank's history file, as zujuan record does")
    .option("--shuffle <what>", "options and/or questions (options,questions): each form its own seeded order, recorded in its paper file")
    .option("--out <dir>", "output directory", "out")
    .option("--no-pdf", "write only the paper files, no PDFs (nor .docx)")
    .option("--to <formats>", "pdf, docx or pdf,docx: what to render each paper to", "pdf")
    .option("--force", "replace an existing set of papers in the output directory (the whole set: older forms and PDFs go)")
    .option("--time-limit <seconds>", "give up after this long, counted from the start (at most 2147483)", "60")
    .option("--export-model <file.lp>", "also write the assembly model in CPLEX LP format")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan generate --seed 7
  $ zujuan generate --seed 7 --to pdf,docx               # also Word files to edit before printing
  $ zujuan generate --forms 2 --seed 7 --no-pdf          # A and B papers, no shared question
  $ zujuan generate --avoid out/10421-A.yaml --seed 8 --out out/next    # none of last sitting's questions
  $ zujuan generate --seed 9 --force                     # replace the set in out/ as a whole
  $ zujuan generate --format json --no-pdf | jq .seed

Existing papers are never replaced without --force, a paper given to --avoid never, and the bank,
syllabus and blueprint are never written. A set (paper files and their PDFs) is written as a whole.

Exit codes:
${exitCodeHelp()}`,
    )
    .action((options: GenerateOptions) => run(options.format, (context) => generate(options, context)));
}
