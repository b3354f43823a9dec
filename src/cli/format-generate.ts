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
function timeoutText(result: Failure, timeLimitSeconds: number, lang: Lang): string {
  const { solves, solveSeconds, variables, rows } = result.stats;
  const longer = Math.min(2_147_483, Math.max(10, Math.ceil(timeLimitSeconds * 4)));
  if (lang === "zh") {
    const got = solves ? `已求解 ${solves} 次（共 ${solveSeconds.toFixed(2)} 秒，最大的模型 ${variables} 个变量 × ${rows} 行），尚未组出试卷` : "读入题库就用完了时间，还没开始组卷";
    return `在 ${timeLimitSeconds} 秒的时限内没有组出试卷（并未证明组不出）：${got}。可放宽时限，例如 --time-limit ${longer}`;
  }
  const got = solves
    ? `${solves} solve${solves === 1 ? "" : "s"} (${solveSeconds.toFixed(2)} s of solving, the largest model ${variables} variables × ${rows} rows) found no paper yet`
    : "the time ran out before the first solve (loading the bank took it)";
  return `no paper found within the time limit of ${timeLimitSeconds} s; not proven impossible: ${got}. Try a longer limit, e.g. --time-limit ${longer}`;
}

const HEADINGS: Record<Lang, Record<"timeout" | "infeasible" | "error", string>> = {
  en: { timeout: "time limit: ", infeasible: "infeasible: ", error: "internal error: " },
  zh: { timeout: "超出时限：", infeasible: "组卷失败：", error: "内部错误：" },
};

/** No paper: exit 3 with the diagnosis (rules that cannot hold together, cells the bank is short of), 4 out of time, 70 a solver failure. */
export function failureReport(result: Failure, { seed, timeLimitSeconds }: { seed: number; timeLimitSeconds: number }, style: Style): CommandResult {
  const outcome = searchOutcome(result.reason);
  const text =
    outcome === "timeout"
      ? `${style.color.yellow(HEADINGS[style.lang].timeout)}${timeoutText(result, timeLimitSeconds, style.lang)}`
      : `${style.color.red(HEADINGS[style.lang][outcome === "infeasible" ? "infeasible" : "error"])}${diagnosisText(result.diagnosis, style.lang)}`;
  const diagnosis = outcome === "timeout" ? diagnosisJson(result.diagnosis, style.lang, timeoutText(result, timeLimitSeconds, style.lang)) : diagnosisJson(result.diagnosis, style.lang);
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
