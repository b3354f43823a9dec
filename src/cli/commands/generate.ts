import { randomInt } from "node:crypto";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { assemble, assemblyModel, type AssembleResult } from "../../core/assemble/assemble.js";
import { toCplexLp } from "../../core/lp.js";
import { displayPath, loadProject } from "../../io/load-project.js";
import { paperIdsFromFiles } from "../../io/paper-ids.js";
import { isInside, writeFilesAtomic, type OutputFile } from "../../io/write-atomic.js";
import { paperYaml } from "../../io/write-paper.js";
import { HighsSolver } from "../../solver/highs.js";
import { VERSION } from "../../version.js";
import type { CommandResult } from "../command-result.js";
import { failureReport, generatedReport } from "../format-generate.js";
import { bankErrors, refuseBrokenBank, unusable } from "../load-or-fail.js";
import { seconds, wholeNumber } from "../options.js";
import { progressReporter } from "../progress.js";
import { run, UsageError, type RunContext } from "../run.js";
import { renderOutputs } from "../render-outputs.js";

export interface GenerateOptions {
  blueprint?: string;
  bank?: string;
  seed?: string;
  forms?: string;
  maxOverlap?: string;
  avoid?: string[];
  out?: string;
  pdf?: boolean;
  timeLimit?: string;
  exportModel?: string;
  format?: string;
}

export async function generate(options: GenerateOptions, { style }: RunContext): Promise<CommandResult> {
  const seed = wholeNumber("--seed", options.seed) ?? randomInt(1, 1_000_000);
  const forms = wholeNumber("--forms", options.forms, 1) ?? 1;
  if (forms > 26) throw new UsageError("--forms is at most 26 (forms are labelled A–Z)");
  const maxOverlap = wholeNumber("--max-overlap", options.maxOverlap) ?? 0;
  const timeLimitSeconds = seconds(options.timeLimit, 60);

  const solver = HighsSolver.forForms(forms);
  solver.warmUp();
  const progress = progressReporter(style);
  try {
    return await generateWith(solver, progress.update, { seed, forms, maxOverlap, timeLimitSeconds }, options, style);
  } finally {
    progress.done();
    solver.close();
  }
}

async function generateWith(
  solver: HighsSolver,
  progress: (stage: string) => void,
  { seed, forms, maxOverlap, timeLimitSeconds }: { seed: number; forms: number; maxOverlap: number; timeLimitSeconds: number },
  options: GenerateOptions,
  style: RunContext["style"],
): Promise<CommandResult> {
  const loadOptions: { blueprint?: string; bank?: string } = {};
  if (options.blueprint !== undefined) loadOptions.blueprint = options.blueprint;
  if (options.bank !== undefined) loadOptions.bank = options.bank;
  progress("loading the blueprint, syllabus and bank");
  const loaded = loadProject(loadOptions);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const refused = refuseBrokenBank(bankErrors(loaded.project, loaded.diagnostics), style);
  if (refused) return refused;
  const { project } = loaded;
  const avoided = paperIdsFromFiles(options.avoid ?? []);
  if (!avoided.ok) return unusable(avoided.diagnostics, style);

  const outDir = resolve(options.out ?? "out");
  // Output inside the bank would become part of the bank at the next run: never write there.
  if (isInside(outDir, project.bankDir)) throw new UsageError(`--out ${options.out ?? "out"} lies inside the bank ${displayPath(project.bankDir)}: choose another directory`);
  const result: AssembleResult = await assemble(project.bank, project.blueprint, project.syllabus, {
    seed,
    forms,
    maxOverlap,
    avoid: avoided.ids,
    timeLimitSeconds,
    solver,
    blueprintPath: relative(outDir, project.blueprintFile).split("\\").join("/"),
    generatedBy: `zujuan ${VERSION}`,
    onProgress: progress,
  });

  const files: OutputFile[] = [];
  if (options.exportModel) {
    const model = assemblyModel(project.bank, project.blueprint, project.syllabus, { seed, forms, maxOverlap, avoid: avoided.ids });
    files.push({ path: resolve(options.exportModel), data: toCplexLp(model) });
  }
  if (!result.ok) {
    writeFilesAtomic(files);
    return failureReport(result, seed, style);
  }

  const code = project.syllabus.syllabus.course.code;
  const written = result.forms.map((form) => ({ form, path: join(outDir, `${code}-${form.label}.yaml`) }));
  for (const { form, path } of written) files.push({ path, data: paperYaml(form.file) });
  if (options.pdf !== false) {
    progress("rendering the PDFs");
    const rendered = await renderOutputs(
      written.map(({ form, path }) => ({ paper: form.paper, spec: form.report.spec, base: path.replace(/\.yaml$/, "") })),
      project,
    );
    if (!rendered.ok) return unusable(rendered.diagnostics, style);
    files.push(...rendered.files);
  }
  writeFilesAtomic(files);

  return generatedReport(result, written, files, seed, style);
}

export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("assemble papers that meet every rule of the blueprint exactly (0-1 integer programming)")
    .option("--blueprint <file>", "blueprint (default: the one blueprint in ./blueprints)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--seed <n>", "seed for variety; the same seed gives the same paper (default: random, printed)")
    .option("--forms <n>", "parallel forms to assemble at once (A/B卷)", "1")
    .option("--max-overlap <k>", "questions any two forms may share", "0")
    .option("--avoid <papers...>", "earlier paper files whose questions must not be reused")
    .option("--out <dir>", "output directory", "out")
    .option("--no-pdf", "write only the paper files, no PDFs")
    .option("--time-limit <seconds>", "give up after this long", "60")
    .option("--export-model <file.lp>", "also write the assembly model in CPLEX LP format")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ zujuan generate --seed 7
  $ zujuan generate --forms 2 --seed 7 --no-pdf          # A and B papers, no shared question
  $ zujuan generate --avoid out/10421-A.yaml --seed 8    # none of last sitting's questions
  $ zujuan generate --format json --no-pdf | jq .seed

Exit codes: 0 papers written, 2 bad input, 3 no paper can meet every rule (the diagnosis says why).`,
    )
    .action((options: GenerateOptions) => run(options.format, (context) => generate(options, context)));
}
