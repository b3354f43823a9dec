import type { AssembledForm, AssembleResult } from "../core/assemble/assemble.js";
import type { Diagnosis } from "../core/assemble/diagnose.js";
import type { CommandResult } from "./command-result.js";
import { diagnosisJson, diagnosisMessage, shortfallMessage } from "./messages/diagnosis.js";
import type { Lang } from "./messages/types.js";
import { searchOutcome } from "./exit-code.js";
import { formatChecks, formatSpec } from "./format-report.js";
import type { Style } from "./style.js";
import { plural } from "./words.js";

function diagnosisText(diagnosis: Diagnosis, lang: Lang): string {
  const lines = [diagnosisMessage(diagnosis, lang)];
  for (const s of [...diagnosis.bankShort, ...diagnosis.shortfalls]) lines.push(`  - ${shortfallMessage(s, lang)}`);
  return lines.join("\n");
}

type Failure = Extract<AssembleResult, { ok: false }>;


/** How far a search got when the time limit stopped it, and what to try. */
function timeoutText(result: Failure, timeLimitSeconds: number): string {
  const { solves, solveSeconds, variables, rows } = result.stats;
  const got = solves
    ? `${solves} solve${solves === 1 ? "" : "s"} (${solveSeconds.toFixed(2)} s of solving, the largest model ${variables} variables × ${rows} rows) found no paper yet`
    : "the time ran out before the first solve (loading the bank took it)";
  const longer = Math.min(2_147_483, Math.max(10, Math.ceil(timeLimitSeconds * 4)));
  return `no paper found within the time limit of ${timeLimitSeconds} s; not proven impossible: ${got}. Try a longer limit, e.g. --time-limit ${longer}`;
}

/** No paper: exit 3 with the diagnosis (rules that cannot hold together, cells the bank is short of), 4 out of time, 70 a solver failure. */
export function failureReport(result: Failure, { seed, timeLimitSeconds }: { seed: number; timeLimitSeconds: number }, style: Style): CommandResult {
  const outcome = searchOutcome(result.reason);
  const text =
    outcome === "timeout"
      ? `${style.color.yellow("time limit")}: ${timeoutText(result, timeLimitSeconds)}`
      : `${style.color.red(outcome === "infeasible" ? "infeasible" : "internal error")}: ${diagnosisText(result.diagnosis, style.lang)}`;
  const diagnosis = outcome === "timeout" ? diagnosisJson(result.diagnosis, style.lang, timeoutText(result, timeLimitSeconds)) : diagnosisJson(result.diagnosis, style.lang);
  return { outcome, text, json: { ok: false, outcome, seed, timeLimitSeconds, diagnosis, stats: { ...result.stats, seed } } };
}

/** What the recovery of an interrupted earlier run did, said before the report (and listed in JSON). */
export function withNotes(result: CommandResult, notes: readonly string[]): CommandResult {
  if (!notes.length) return result;
  const json = typeof result.json === "object" && result.json !== null ? { ...result.json, notes } : result.json;
  return { ...result, text: [...notes.map((n) => `note: ${n}`), result.text].join("\n"), json };
}

/** Papers written: per form the rule-by-rule check and the 双向细目表, then how to reproduce them. */
export function generatedReport(
  result: Extract<AssembleResult, { ok: true }>,
  written: readonly { form: AssembledForm; shown: string }[],
  files: readonly string[],
  seed: number,
  style: Style,
): CommandResult {
  const sections = written.map(({ form, shown }) =>
    [
      style.color.bold(style.lang === "zh" ? `${form.label} 卷：${shown}` : `form ${form.label}: ${shown}`),
      formatChecks(form.report.checks, style),
      "",
      formatSpec(form.report.spec, style),
    ].join("\n"),
  );
  const pdfs = files.filter((f) => /\.(pdf|docx)$/.test(f));
  const { solveSeconds, eligible, classes, cells, solves } = result.stats;
  const footer = (
    style.lang === "zh"
      ? [
          `种子 ${seed}（种子、题库和细目表都相同，得到的试卷也相同：--seed ${seed}）`,
          pdfs.length ? `已写出 ${pdfs.join("、")}` : "",
          `组卷用时 ${solveSeconds.toFixed(2)} 秒（题库中可用的题目 ${eligible} 道）`,
        ]
      : [
          `seed ${seed} (same seed, bank and blueprint give the same paper: --seed ${seed})`,
          pdfs.length ? `wrote ${pdfs.join(", ")}` : "",
          `solved in ${solveSeconds.toFixed(2)} s (${plural(eligible, "eligible question")} in ${plural(classes, "class", "classes")} of interchangeable ones, ${plural(cells, "cell")}; ${plural(solves, "solve")})`,
        ]
  ).filter(Boolean);
  return {
    outcome: "ok",
    text: [...sections, "", ...footer].join("\n"),
    json: {
      ok: true,
      seed,
      files,
      forms: written.map(({ form, shown }) => ({ label: form.label, file: shown, sections: form.file.sections, checks: form.report.checks, spec: form.report.spec })),
      stats: { ...result.stats, seed },
    },
  };
}
