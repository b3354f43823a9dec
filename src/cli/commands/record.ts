import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { withSitting } from "../../core/history.js";
import { historyPathOf, loadHistory, writeHistory } from "../../io/history-file.js";
import { displayPath } from "../../io/load-project.js";
import { loadPaper } from "../../io/load-paper.js";
import type { CommandResult } from "../command-result.js";
import { unusable } from "../load-or-fail.js";
import { run, UsageError, type RunContext } from "../run.js";
import { alreadyRecorded, recordedPaper } from "../messages/outputs.js";

interface RecordOptions {
  sitting?: string;
  history?: string;
  blueprint?: string;
  bank?: string;
  format?: string;
}

/** Appends a paper's questions to the bank's usage history under a sitting (e.g. 2026-10). */
export function record(paperPath: string, options: RecordOptions, { style }: RunContext): CommandResult {
  const sitting = options.sitting?.trim();
  if (!sitting) throw new UsageError("--sitting is required, e.g. --sitting 2026-10");
  const loaded = loadPaper(paperPath, options);
  if (!loaded.ok) return unusable(loaded.diagnostics, style);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return unusable(errors, style);
  const path = options.history ? resolve(options.history) : historyPathOf(loaded.project.bankDir);
  const history = loadHistory(path);
  if (!history.ok) return unusable(history.diagnostics, style);
  const questions = loaded.paper.sections.flatMap((s) => s.questions.map((q) => q.id)).filter((id) => !loaded.paper.inline.has(id));
  const entry: Parameters<typeof withSitting>[1] = { sitting, paper: relative(dirname(path), resolve(paperPath)).split("\\").join("/"), questions };
  if (loaded.paper.form !== undefined) entry.form = loaded.paper.form;
  const next = withSitting(history.history, entry);
  if (next.added) writeHistory(path, next.history);
  const shown = displayPath(path);
  const text = next.added
    ? style.lang === "zh"
      ? style.color.green(recordedPaper(questions.length, paperPath, sitting, shown, "zh"))
      : `${style.color.green("recorded")}: ${recordedPaper(questions.length, paperPath, sitting, shown, "en")}`
    : alreadyRecorded(paperPath, sitting, shown, style.lang);
  return { outcome: "ok", text, json: { ok: true, history: shown, sitting, added: next.added, questions } };
}

export function registerRecord(program: Command): void {
  program
    .command("record")
    .description("record a paper's questions as used in a sitting, in the bank's history file")
    .argument("<paper>", "paper file (YAML)")
    .option("--sitting <label>", "the sitting, e.g. 2026-10")
    .option("--history <file>", "history file (default: beside the bank, bank/<course>-history.yaml)")
    .option("--blueprint <file>", "blueprint (default: the one the paper names)")
    .option("--bank <dir>", "bank directory (default: the blueprint's bank)")
    .option("--format <format>", "text or json", "text")
    .action((paper: string, options: RecordOptions) => run(options.format, (context) => record(paper, options, context)));
}
