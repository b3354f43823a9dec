import type { CapacityReport, CountMatrix, CoverageReport, KnowledgePointCoverage, Requirement } from "../core/coverage/index.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { formatDiagnostics } from "./format-diagnostics.js";
import { cueDiagnostic, formatCueStatistics } from "./format-item-quality.js";
import { formatMessage } from "./messages/index.js";
import { runsOutDetail, runsOutLabel, supplyLimitLabel } from "./messages/capacity.js";
import { requirementActual, requirementLabel, requirementMessage } from "./messages/requirements.js";
import type { Lang } from "./messages/types.js";
import type { Style } from "./style.js";
import { fmt, renderTable } from "./table.js";

/** A heat-map cell: an empty cell that is needed in red, a thin one in yellow, an empty unneeded one as a dim dot. */
function heatCell(count: number, thin: boolean, needed: boolean, style: Style): string {
  const c = style.color;
  if (count === 0) return needed ? c.red.bold("0") : c.dim("·");
  return thin ? c.yellow(String(count)) : String(count);
}

const MATRIX_TITLES: Record<CountMatrix["id"], [en: string, zh: string]> = {
  "chapter-type": ["chapter × type", "章 × 题型"],
  "chapter-level": ["chapter × level", "章 × 认知层次"],
  "chapter-difficulty": ["chapter × difficulty", "章 × 难易度"],
  "level-difficulty": ["level × difficulty", "认知层次 × 难易度"],
};

/** A coverage matrix's title, in the language asked. */
export function matrixTitle(id: CountMatrix["id"], lang: Lang): string {
  return MATRIX_TITLES[id][lang === "zh" ? 1 : 0];
}

export function formatMatrix(matrix: CountMatrix, style: Style): string {
  const rows = matrix.rows.map((row, r) => [
    row.label,
    ...matrix.columns.map((_, c) => heatCell(matrix.questions[r]![c]!, matrix.thin[r]![c]!, matrix.needed?.[r]?.[c] ?? false, style)),
    String(matrix.rowTotals[r]!.questions),
    fmt(matrix.rowTotals[r]!.points),
  ]);
  const totals = ["合计", ...matrix.columnTotals.map((t) => String(t.questions)), String(matrix.columnTotals.reduce((s, t) => s + t.questions, 0)), fmt(matrix.columnTotals.reduce((s, t) => s + t.points, 0))];
  const points = ["分值", ...matrix.columnTotals.map((t) => fmt(t.points)), "", ""];
  const zh = style.lang === "zh";
  const unit = matrix.id === "chapter-type" ? (zh ? "题数" : "questions") : zh ? "计分单位：有小题的题目每个小题算一次" : "graded parts: a case counts once per sub-question";
  const title = zh ? `${matrixTitle(matrix.id, "zh")}（${unit}；题 = 题数，分 = 分值）` : `${matrixTitle(matrix.id, "en")} (${unit}; 题 = count, 分 = points)`;
  return [style.color.bold(title), renderTable(["", ...matrix.columns.map((c) => c.label), "题", "分"], [...rows, totals, points])].join("\n");
}

export function formatKnowledgePoints(points: readonly KnowledgePointCoverage[], minQuestions: number, style: Style): string {
  const c = style.color;
  // The types as the syllabus declares them, in its order: every point has a count for each.
  const types = Object.keys(points[0]?.byType ?? {});
  const rows = points.map((kp) => [
    `${kp.id} ${kp.title}`,
    ...types.map((t) => (kp.byType[t] ? String(kp.byType[t]) : c.dim("·"))),
    kp.questions === 0 ? c.red.bold("0") : kp.questions < minQuestions ? c.yellow(String(kp.questions)) : String(kp.questions),
    fmt(kp.points),
  ]);
  const title = style.lang === "zh" ? `知识点（各题型题数；每个知识点至少 ${minQuestions} 道）` : `知识点 (questions by type; at least ${minQuestions} each)`;
  return [c.bold(title), renderTable(["", ...types, "题", "分"], rows)].join("\n");
}

const GROUP_SUMMARY_ZH: Record<Requirement["group"], (n: number) => string> = {
  lint: () => "题库通过 lint 检查",
  "knowledge-point": (n) => `${n} 个知识点的题目数量足够`,
  "chapter-types": (n) => `${n} 章有细目表可能在该章安排的每种题型`,
  "chapter-levels": (n) => `${n} 章有考核要求列出的每个认知层次`,
  capacity: () => "可组试卷数",
};

const GROUP_SUMMARY: Record<Requirement["group"], (n: number) => string> = {
  lint: () => "the bank passes lint",
  "knowledge-point": (n) => `${n} knowledge point${n === 1 ? "" : "s"} have enough questions`,
  "chapter-types": (n) => `${n} chapter${n === 1 ? "" : "s"} offer every question type the blueprint can place there`,
  "chapter-levels": (n) => `${n} chapter${n === 1 ? "" : "s"} offer every level their 考核要求 names`,
  capacity: () => "capacity",
};

/** Met requirements folded into one line per group; unmet ones one by one, with what is missing. */
export function formatRequirements(requirements: readonly Requirement[], style: Style): string {
  const c = style.color;
  const lines: string[] = [c.bold(style.lang === "zh" ? "覆盖要求" : "requirements")];
  const summary = style.lang === "zh" ? GROUP_SUMMARY_ZH : GROUP_SUMMARY;
  const groups = [...new Set(requirements.map((r) => r.group))];
  for (const group of groups) {
    const members = requirements.filter((r) => r.group === group);
    const met = members.filter((r) => r.met);
    const colon = style.lang === "zh" ? "：" : ": ";
    if (met.length === 1 && members.length === 1) lines.push(`  ${c.green("✓")} ${requirementLabel(met[0]!, style.lang)}${colon}${requirementActual(met[0]!, style.lang)}`);
    else if (met.length) lines.push(`  ${c.green("✓")} ${summary[group](met.length)}`);
    for (const r of members.filter((x) => !x.met)) lines.push(`  ${c.red("✗")} ${requirementMessage(r, style.lang)}`);
  }
  return lines.join("\n");
}

export function formatCapacity(capacity: CapacityReport, minPapers: number, style: Style): string {
  const c = style.color;
  const lang = style.lang;
  const zh = lang === "zh";
  const enough = capacity.papers >= minPapers;
  const next = capacity.papers + 1;
  const runsOut = capacity.runsOut.map((r) => `    ${c.yellow(runsOutLabel(r, lang))}${zh ? "：" : ": "}${runsOutDetail(r, lang)}`);
  const limits = capacity.limits.map((l) => `${supplyLimitLabel(l, lang)} ${l.papers}`).join(" · ");
  if (zh) {
    const count = capacity.exact ? `${capacity.papers} 份` : `至少 ${capacity.papers} 份（至多 ${capacity.atMost} 份）`;
    const proof = capacity.exact ? (capacity.upperBound === capacity.papers ? `组不出第 ${next} 份：题目不够` : `已证明组不出 ${next} 份`) : `在每次计算 ${capacity.maxNodes} 步的限度内尚无定论`;
    const lines = [`${c.bold("可组试卷数")}：${(enough ? c.green : c.red)(`${count}互不重复的试卷`)}（要求 ${minPapers} 份）；${proof}`, `  到第 ${next} 份时最先用尽：`, ...runsOut];
    if (capacity.limits.length) lines.push(`  各部分、各规则单独允许的份数：${limits}`);
    return lines.join("\n");
  }
  const count = capacity.exact ? `${capacity.papers}` : `at least ${capacity.papers} (at most ${capacity.atMost})`;
  const proof = capacity.exact
    ? capacity.upperBound === capacity.papers
      ? `${next} cannot be: the supply runs out`
      : `${next} proven impossible`
    : `not settled within ${capacity.maxNodes} solver nodes a solve`;
  const lines = [`${c.bold("capacity")}: ${(enough ? c.green : c.red)(`${count} pairwise-disjoint papers`)} (${minPapers} wanted); ${proof}`, `  runs out first at ${next}:`, ...runsOut];
  if (capacity.limits.length) lines.push(`  supply limits (papers by each alone): ${limits}`);
  return lines.join("\n");
}

export function formatCoverage(report: CoverageReport, located: readonly Diagnostic[], head: string, style: Style): string {
  const c = style.color;
  const unmet = report.requirements.filter((r) => !r.met).length;
  const zh = style.lang === "zh";
  const verdict =
    unmet === 0
      ? c.green(zh ? "覆盖检查：所有要求均已满足" : "coverage: every requirement met")
      : c.red(zh ? `覆盖检查：${unmet} 项要求未满足` : `coverage: ${unmet} requirement${unmet === 1 ? "" : "s"} unmet`);
  return [
    head,
    located.length ? formatDiagnostics(located, style) : zh ? `lint：${c.green("没有发现问题")}` : `lint: ${c.green("no findings")}`,
    "",
    ...report.matrices.flatMap((m) => [formatMatrix(m, style), ""]),
    formatKnowledgePoints(report.knowledgePoints, report.minQuestionsPerKnowledgePoint, style),
    "",
    formatRequirements(report.requirements, style),
    "",
    formatCapacity(report.capacity, report.minPapers, style),
    "",
    formatCueStatistics(report.cues, style),
    ...report.cues.warnings.map((w) => `  ${c.yellow(zh ? "提醒" : "warning")}${zh ? "：" : ": "}${formatMessage(cueDiagnostic(w, false), style.lang)} ${c.dim(`[${w.code}]`)}`),
    "",
    verdict,
  ].join("\n");
}
