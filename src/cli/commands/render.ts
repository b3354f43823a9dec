import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { validatePaper } from "../../core/validate.js";
import { openOutputSet } from "../../io/output-set.js";
import { kindsFor, kindsIn, PDF_KINDS, type PdfKind } from "../../io/render/request.js";
import type { CommandResult } from "../command-result.js";
import { exitCodeHelp } from "../exit-code.js";
import { withNotes } from "../format-generate.js";
import { loadUsablePaper, unusable } from "../load-or-fail.js";
import { formatsFrom } from "../output-formats.js";
import { projectGuards } from "../output-guards.js";
import { PASSWORD_ENV, pdfPassword } from "../password.js";
import { renderOutputs } from "../render-outputs.js";
import { run, UsageError, type RunContext } from "../run.js";
import { brokenRulesWarning, encryptedNote, wroteFile } from "../messages/outputs.js";

export interface RenderOptions {
  blueprint?: string;
  bank?: string;
  out?: string;
  only?: string;
  password?: string;
  passwordFile?: string;
  font?: string;
  to?: string;
  force?: boolean;
  format?: string;
}

/** The kinds --only names; undefined without --only (then: every kind of the blueprint's answer mode). */
function kindsFrom(only: string | undefined): PdfKind[] | undefined {
  if (only === undefined) return undefined;
  const asked = only.split(",").map((k) => k.trim()).filter(Boolean);
  const unknown = asked.filter((k) => !(PDF_KINDS as readonly string[]).includes(k));
  if (unknown.length || asked.length === 0) throw new UsageError(`--only takes ${PDF_KINDS.join(", ")} (comma-separated), not ${only}`);
  return PDF_KINDS.filter((k) => asked.includes(k));
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

export async function render(paperPath: string, options: RenderOptions, { style }: RunContext): Promise<CommandResult> {
  const onlyKinds = kindsFrom(options.only);
  const formats = formatsFrom(options.to);
  const password = pdfPassword(options);
  if (password !== undefined && formats.includes("docx")) throw new UsageError("--password encrypts PDFs only; a .docx would be written unencrypted: leave docx out of --to");
  const loaded = loadUsablePaper(paperPath, options, style);
  if (!("paper" in loaded)) return loaded;
  const { project, paper } = loaded;
  const kinds = onlyKinds ?? kindsFor(project.blueprint);
  if (kinds.includes("sheet") && !kindsFor(project.blueprint).includes("sheet")) {
    throw new UsageError(`the blueprint's paper.answer_mode is ${project.blueprint.paper.answer_mode}: candidates write on the paper, there is no 答题卡 (sheet) to render`);
  }
  if (formats.every((ext) => kindsIn(ext, kinds).length === 0)) throw new UsageError("the 答题卡 (sheet) is a PDF only: add pdf to --to");
  const full = resolve(paperPath);
  const shownDir = options.out ?? dirname(paperPath);
  const name = basename(full).replace(/\.(ya?ml|json)$/i, "");
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // The PDFs of a paper are one set: members of an older render not drawn now are removed with --force.
  const set = openOutputSet({
    dir: resolve(shownDir),
    shownDir,
    option: options.out === undefined ? "the paper's folder" : "--out",
    names: formats.flatMap((ext) => kindsIn(ext, kinds).map((k) => `${name}-${k}.${ext}`)),
    member: new RegExp(`^${escaped}-(${PDF_KINDS.join("|")})\\.(pdf|docx)$`),
    force: options.force === true,
    guards: projectGuards(project, [{ path: paperPath, what: "the paper being rendered" }]),
  });
  try {
    const report = validatePaper(paper, project.blueprint, project.syllabus, loaded.diagnostics);
    const rendered = await renderOutputs([{ paper, spec: report.spec, base: name }], project, { kinds, formats, password, fontFile: options.font });
    if (!rendered.ok) return unusable(rendered.diagnostics, style);
    set.commit(rendered.files.map((f) => f.data));
    const files = rendered.files.map((f, i) => ({ kind: f.kind, shown: set.files[i]!.shown, bytes: f.data.length }));

    const failing = report.checks.filter((c) => c.status === "fail").map((c) => c.id);
    const warning = failing.length
      ? style.color.yellow(brokenRulesWarning(failing.length, failing, paperPath, style.lang))
      : "";
    const lines = files.map((f) => wroteFile(f.shown, kb(f.bytes), style.lang));
    if (password !== undefined) lines.push(encryptedNote(style.lang));
    return withNotes(
      {
        outcome: "ok",
        text: [warning, ...lines].filter(Boolean).join("\n"),
        json: {
          ok: true,
          files: files.map((f) => ({ kind: f.kind, file: f.shown, bytes: f.bytes })),
          encrypted: password !== undefined,
          failingRules: failing,
        },
      },
      set.notes,
    );
  } finally {
    set.close();
  }
}

export function registerRender(program: Command): void {
  program
    .command("render")
    .description("print-ready PDFs of a paper: the paper, the answer key with marking scheme, the 双向细目表 and the 答题卡")
    .argument("<paper>", "paper file (YAML), generated or hand-made")
    .option("--blueprint <file>", "blueprint (default: the one the paper names, else ./blueprints)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--out <dir>", "output directory (default: the paper file's directory)")
    .option("--only <kinds>", `some of ${PDF_KINDS.join(",")} (comma-separated; sheet in answer_mode sheet only)`)
    .option("--password <pw>", `encrypt the PDFs: this password opens them (printing allowed, editing not); also from $${PASSWORD_ENV}`)
    .option("--password-file <file>", "encrypt the PDFs with the password on the first line of this file (not visible in the process list)")
    .option("--font <file>", "a TTF/OTF font to use instead of the bundled Noto Serif SC")
    .option("--to <formats>", "pdf, docx or pdf,docx: print-ready PDFs, editable Word documents, or both", "pdf")
    .option("--force", "replace existing PDFs of this paper (the whole set: kinds not drawn now are removed)")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `
Writes <name>-paper.pdf, <name>-answers.pdf and <name>-spec.pdf (name: the paper file's name without
.yaml), and <name>-sheet.pdf, the 答题卡, when the blueprint's paper.answer_mode is sheet; all or
none; with --to docx the paper, key and spec as .docx; existing ones only with --force. The same paper file always gives the same
bytes (unless encrypted). A password on the command line is visible to other users of the machine:
prefer --password-file or ${PASSWORD_ENV}.

Examples:
  $ zujuan render out/10421-A.yaml
  $ zujuan render out/10421-A.yaml --only paper --password-file ~/.paper-pw --out print/
  $ zujuan render out/10421-A.yaml --to pdf,docx
  $ zujuan render draft.yaml --blueprint blueprints/10421.yaml --font ~/fonts/SimSun.ttf

A paper that breaks blueprint rules is rendered with a warning. Exit 2 also for unusable input
(unknown question ids, invalid inline questions, characters the font lacks).

Exit codes:
${exitCodeHelp()}`,
    )
    .action((paper: string, options: RenderOptions) => run(options.format, (context) => render(paper, options, context)));
}
