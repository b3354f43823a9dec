import type { SpecTable } from "../core/spec.js";
import type { RuleCheck } from "../core/validate.js";
import type { Style } from "./style.js";
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
  return [c.bold("双向细目表 (points by chapter and cognitive level)"), levelTable, "", c.bold("难度分布 (points by difficulty)"), difficultyTable, `预计答题时间 ${fmt(spec.minutes)} 分钟`].join("\n");
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
  const mark = (s: RuleCheck["status"]) => (s === "pass" ? c.green("pass") : s === "fail" ? c.red("FAIL") : c.yellow("warn"));
  const kpPassing = checks.filter((k) => k.group === "knowledge-point" && k.status === "pass");
  const shown = checks.filter((k) => !(k.group === "knowledge-point" && k.status === "pass"));
  const rows = shown.map((k) => [mark(k.status), k.label, k.expected, k.actual]);
  if (kpPassing.length) {
    rows.push([mark("pass"), `knowledge-point spread (${kpPassing.length} points)`, kpPassing[0]!.expected, "within"]);
  }
  const table = renderTable(["", "rule", "expected", "actual"], rows, { alignLeft: [0, 1, 2, 3] });
  const details = shown
    .filter((k) => k.status === "fail" && k.questions.length)
    .map((k) => `  ${c.red("✗")} ${k.label}: ${listQuestions(k.questions)}`);
  return details.length ? `${table}\n\n${details.join("\n")}` : table;
}
