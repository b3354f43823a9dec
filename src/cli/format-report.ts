import type { SpecTable } from "../core/spec.js";
import type { RuleCheck } from "../core/validate.js";
import { checkLabel, describeActual, describeExpected } from "./messages/checks.js";
import type { Style } from "./style.js";
import { plural } from "./words.js";
import { fmt, renderTable } from "./table.js";

/** The 双向细目表: chapters × levels in points, with totals, and the difficulty distribution. */
export function formatSpec(spec: SpecTable, style: Style): string {
  const c = style.color;
  const rows = spec.rows.map((r) => [
    `第${r.chapter}章 ${r.title}`,
    r.tier,
    ...spec.columns.levels.map((l) => (r.levels[l] ? fmt(r.levels[l]) : "·")),
    fmt(r.points),
    `${Math.round((r.points / (spec.total.actual || 1)) * 1000) / 10}%`,
  ]);
  const totals = ["合计", "", ...spec.columns.levels.map((l) => fmt(spec.levels[l]!.actual)), fmt(spec.total.actual), "100%"];
  const targets = ["目标", "", ...spec.columns.levels.map((l) => fmt(spec.levels[l]!.target)), fmt(spec.total.target), ""];
  const levelTable = renderTable(["章", "层级", ...spec.columns.levels, "合计", "比例"], [...rows, totals, targets], { alignLeft: [0, 1] });
  const difficultyTable = renderTable(
    ["难度", ...spec.columns.difficulties, "合计"],
    [
      ["实际", ...spec.columns.difficulties.map((d) => fmt(spec.difficulty[d]!.actual)), fmt(spec.total.actual)],
      ["目标", ...spec.columns.difficulties.map((d) => fmt(spec.difficulty[d]!.target)), fmt(spec.total.target)],
    ],
  );
  const zh = style.lang === "zh";
  const titles = zh ? ["双向细目表（各章、各认知层次的分值）", "难度分布（各难度的分值）"] : ["双向细目表 (points by chapter and cognitive level)", "难度分布 (points by difficulty)"];
  return [c.bold(titles[0]!), levelTable, "", c.bold(titles[1]!), difficultyTable, `预计答题时间 ${fmt(spec.minutes)} 分钟`].join("\n");
}

const MAX_LISTED = 6;

function listQuestions(ids: string[]): string {
  if (ids.length === 0) return "";
  const shown = ids.slice(0, MAX_LISTED).join(", ");
  return ids.length > MAX_LISTED ? `${shown} … (+${ids.length - MAX_LISTED})` : shown;
}

/**
 * One line per rule: status, rule, expected, actual. Passing knowledge-point rules are folded into
 * one line; a failing rule names the questions behind it.
 */
export function formatChecks(checks: readonly RuleCheck[], style: Style): string {
  const c = style.color;
  const zh = style.lang === "zh";
  const mark = (s: RuleCheck["status"]) => (s === "pass" ? c.green(zh ? "通过" : "pass") : s === "fail" ? c.red(zh ? "不符" : "FAIL") : c.yellow(zh ? "注意" : "warn"));
  const label = (k: RuleCheck) => checkLabel(k.subject, style.lang);
  const kpPassing = checks.filter((k) => k.group === "knowledge-point" && k.status === "pass");
  const shown = checks.filter((k) => !(k.group === "knowledge-point" && k.status === "pass"));
  const rows = shown.map((k) => [mark(k.status), label(k), describeExpected(k, style.lang), describeActual(k, style.lang)]);
  if (kpPassing.length) {
    const spread = zh ? `知识点分布（${kpPassing.length} 个知识点）` : `knowledge-point spread (${plural(kpPassing.length, "knowledge point")})`;
    rows.push([mark("pass"), spread, describeExpected(kpPassing[0]!, style.lang), zh ? "均在范围内" : "within"]);
  }
  const header = zh ? ["", "规则", "要求", "实际"] : ["", "rule", "expected", "actual"];
  const table = renderTable(header, rows, { alignLeft: [0, 1, 2, 3] });
  const details = shown.filter((k) => k.status === "fail" && k.questions.length).map((k) => `  ${c.red("✗")} ${label(k)}${zh ? "：" : ": "}${listQuestions(k.questions)}`);
  return details.length ? `${table}\n\n${details.join("\n")}` : table;
}
