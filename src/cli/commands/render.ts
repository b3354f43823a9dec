import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { validatePaper } from "../../core/validate.js";
import { loadPaper } from "../../io/load-paper.js";
import { displayPath } from "../../io/load-project.js";
import { PDF_KINDS, type PdfKind } from "../../io/render/request.js";
import { isInside, writeFilesAtomic } from "../../io/write-atomic.js";
import type { CommandResult } from "../command-result.js";
import { bankErrors, refuseBrokenBank, unusable } from "../load-or-fail.js";
import { renderOutputs } from "../render-outputs.js";
import { run, UsageError, type RunContext } from "../run.js";

export interface RenderOptions {
  blueprint?: string;
  bank?: string;
  out?: string;
  only?: string;
  password?: string;
  font?: string;
  format?: string;
}

function kindsFrom(only: string | undefined): PdfKind[] {
  if (only === undefined) return [...PDF_KINDS];
  const asked = only.split(",").map((k) => k.trim()).filter(Boolean);
  const unknown = asked.filter((k) => !(PDF_KINDS as readonly string[]).includes(k));
  if (unknown.length || asked.length === 0) throw new UsageError(`--only takes ${PDF_KINDS.join(", ")} (comma-separated), not ${only}`);
  return PDF_KINDS.filter((k) => asked.includes(k));
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

export async function render(paperPath: string, options: RenderOptions, { style }: RunContext): Promise<CommandResult> {
  const kinds = kindsFrom(options.only);
  if (options.password === "") throw new UsageError("--password must not be empty");
  const loaded = loadPaper(paperPath, options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const refused = refuseBrokenBank(bankErrors(loaded.project, loaded.projectDiagnostics), style);
  if (refused) return refused;
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return unusable(errors, style);
  const { project, paper } = loaded;
  const full = resolve(paperPath);
  const outDir = resolve(options.out ?? dirname(full));
  // PDFs inside the bank directory would sit among its questions: never write there.
  if (isInside(outDir, project.bankDir)) throw new UsageError(`output directory ${displayPath(outDir)} lies inside the bank ${displayPath(project.bankDir)}: use --out`);
  const report = validatePaper(paper, project.blueprint, project.syllabus, loaded.diagnostics);

  const name = basename(full).replace(/\.(ya?ml|json)$/i, "");
  const rendered = await renderOutputs([{ paper, spec: report.spec, base: join(outDir, name) }], project, { kinds, password: options.password, fontFile: options.font });
  if (!rendered.ok) return unusable(rendered.diagnostics, style);
  const files = rendered.files;

  writeFilesAtomic(files);

  const failing = report.checks.filter((c) => c.status === "fail").map((c) => c.id);
  const warning = failing.length
    ? style.color.yellow(`warning: the paper breaks ${failing.length} blueprint rule${failing.length === 1 ? "" : "s"} (${failing.join(", ")}); rendered anyway (zujuan validate ${paperPath} says more)`)
    : "";
  const lines = files.map((f) => `wrote ${displayPath(f.path)} (${kb(f.data.length)})`);
  if (options.password !== undefined) lines.push("encrypted with the password given (AES-256; printing allowed)");
  return {
    outcome: "ok",
    text: [warning, ...lines].filter(Boolean).join("\n"),
    json: {
      ok: true,
      files: files.map((f) => ({ kind: f.kind, file: displayPath(f.path), bytes: f.data.length })),
      encrypted: options.password !== undefined,
      failingRules: failing,
    },
  };
}

export function registerRender(program: Command): void {
  program
    .command("render")
    .description("print-ready PDFs of a paper: the paper, the answer key with marking scheme, and the 双向细目表")
    .argument("<paper>", "paper file (YAML), generated or hand-made")
    .option("--blueprint <file>", "blueprint (default: the one the paper names, else ./blueprints)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--out <dir>", "output directory (default: the paper file's directory)")
    .option("--only <kinds>", `some of ${PDF_KINDS.join(",")} (comma-separated)`)
    .option("--password <pw>", "encrypt the PDFs: this password opens them (printing allowed, editing not)")
    .option("--font <file>", "a TTF/OTF font to use instead of the bundled Noto Serif SC")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Writes <name>-paper.pdf, <name>-answers.pdf and <name>-spec.pdf (name: the paper file's name without
.yaml), all or none. The same paper file always gives the same bytes (unless encrypted).

Examples:
  $ zujuan render out/10421-A.yaml
  $ zujuan render out/10421-A.yaml --only paper --password 's3cret' --out print/
  $ zujuan render draft.yaml --blueprint blueprints/10421.yaml --font ~/fonts/SimSun.ttf

Exit codes: 0 PDFs written (a paper that breaks blueprint rules is rendered with a warning),
2 unusable input (unknown question ids, invalid inline questions, characters the font lacks).`,
    )
    .action((paper: string, options: RenderOptions) => run(options.format, (context) => render(paper, options, context)));
}
