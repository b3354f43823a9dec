import type { AssembledForm, AssembleResult } from "../core/assemble/assemble.js";
import type { Diagnosis } from "../core/assemble/diagnose.js";
import { displayPath } from "../io/load-project.js";
import type { OutputFile } from "../io/write-atomic.js";
import type { CommandResult } from "./command-result.js";
import { formatChecks, formatSpec } from "./format-report.js";
import type { Style } from "./style.js";

function diagnosisText(diagnosis: Diagnosis): string {
  const lines = [diagnosis.message];
  for (const s of [...diagnosis.bankShort, ...diagnosis.shortfalls]) lines.push(`  - ${s.message}`);
  return lines.join("\n");
}

/** No paper: exit 3 with the diagnosis (rules that cannot hold together, cells the bank is short of). */
export function failureReport(result: Extract<AssembleResult, { ok: false }>, seed: number, style: Style): CommandResult {
  const text = `${style.color.red(result.reason === "infeasible" ? "infeasible" : "no paper")}: ${diagnosisText(result.diagnosis)}`;
  return { outcome: "infeasible", text, json: { ok: false, outcome: result.reason, seed, diagnosis: result.diagnosis, stats: { ...result.stats, seed } } };
}

/** Papers written: per form the rule-by-rule check and the 双向细目表, then how to reproduce them. */
export function generatedReport(
  result: Extract<AssembleResult, { ok: true }>,
  written: readonly { form: AssembledForm; path: string }[],
  files: readonly OutputFile[],
  seed: number,
  style: Style,
): CommandResult {
  const sections = written.map(({ form, path }) =>
    [
      style.color.bold(`form ${form.label}: ${displayPath(path)}`),
      formatChecks(form.report.checks, style),
      "",
      formatSpec(form.report.spec, style),
    ].join("\n"),
  );
  const pdfs = files.filter((f) => /\.(pdf|docx)$/.test(f.path)).map((f) => displayPath(f.path));
  const footer = [
    `seed ${seed} (same seed, bank and blueprint give the same paper: --seed ${seed})`,
    pdfs.length ? `wrote ${pdfs.join(", ")}` : "",
    `solved in ${result.stats.solveSeconds.toFixed(2)} s (${result.stats.eligible} eligible questions in ${result.stats.classes} classes of interchangeable ones, ${result.stats.cells} cells; ${result.stats.solves} solves)`,
  ].filter(Boolean);
  return {
    outcome: "ok",
    text: [...sections, "", ...footer].join("\n"),
    json: {
      ok: true,
      seed,
      files: files.map((f) => displayPath(f.path)),
      forms: written.map(({ form, path }) => ({ label: form.label, file: displayPath(path), sections: form.file.sections, checks: form.report.checks, spec: form.report.spec })),
      stats: { ...result.stats, seed },
    },
  };
}
