import type { Analysis, ItemAnalysis } from "../core/analysis/analyze.js";
import { flagReason } from "../io/render/analysis-labels.js";
import type { RetagPlan } from "../core/analysis/retag.js";
import type { Style } from "./style.js";
import { renderTable } from "./table.js";

const f2 = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const f1 = (x: number) => x.toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function paperTable(a: Analysis): string {
  const p = a.paper;
  return renderTable(
    ["人数", "满分", "平均分", "标准差", "最高分", "最低分", "及格线", "及格率", "平均难度", "α", "分半信度"],
    [[String(p.n), String(p.fullMarks), f1(p.mean), f1(p.sd), String(p.max), String(p.min), f1(p.passMark), pct(p.passRate), f2(p.meanP), f2(p.alpha), f2(p.splitHalf.corrected)]],
  );
}

function bandTable(a: Analysis): string {
  return renderTable(["分数段", "人数", "比例"], a.paper.bands.map((b) => [`${b.from}–${b.to}`, String(b.count), pct(b.share)]));
}

const label = (i: ItemAnalysis) => (i.sub === undefined ? String(i.number) : `  ${i.key}`);

function itemTable(a: Analysis, style: Style): string {
  const rows = a.items.map((i) => [
    label(i),
    i.sub === undefined ? i.type : "",
    String(i.points),
    f2(i.mean),
    f2(i.p),
    f2(i.D),
    f2(i.itemRest),
    i.tagged ?? "",
    i.tagged && i.tagged !== i.observed ? style.color.yellow(i.observed) : i.observed,
    i.flags.length ? style.color.red(i.flags.map(flagReason).join("; ")) : "",
  ]);
  return renderTable(["题号", "题型", "满分", "平均分", "难度p", "区分度D", "题总相关", "标注难度", "实测难度", "提示"], rows, { alignLeft: [0, 1, 9] });
}

/** Choice questions with a choice column: upper/lower share of each option, the key marked. */
function optionTable(a: Analysis): string | undefined {
  const items = a.items.filter((i) => i.distractors);
  if (!items.length) return undefined;
  const letters = [...new Set(items.flatMap((i) => i.distractors!.options.map((o) => o.letter)))].sort();
  const rows = items.map((i) => {
    const byLetter = new Map(i.distractors!.options.map((o) => [o.letter, o]));
    return [i.key, ...letters.map((l) => {
      const o = byLetter.get(l);
      return o ? `${o.correct ? "*" : ""}${o.upper.toFixed(2)}/${o.lower.toFixed(2)}` : "";
    }), pct(i.distractors!.omitted)];
  });
  return renderTable(["题号", ...letters, "未答"], rows);
}

function breakdownTables(a: Analysis): string[] {
  const table = (title: string, rows: Analysis["breakdowns"]["byChapter"], name: (g: string) => string) =>
    renderTable([title, "分值", "平均分", "得分率"], rows.map((g) => [name(g.group), String(g.points), f2(g.mean), pct(g.rate)]));
  return [
    table("章", a.breakdowns.byChapter, (g) => `第${g}章`),
    table("能力层次", a.breakdowns.byLevel, (g) => g),
    table("知识点", a.breakdowns.byKnowledgePoint, (g) => g),
  ];
}

export function formatAnalysis(a: Analysis, style: Style): string {
  const c = style.color;
  const flagged = a.items.filter((i) => i.flags.length).length;
  return [
    c.bold(style.lang === "zh" ? `试卷分析 ${a.sitting}：考生 ${a.paper.n} 人，高分组与低分组各 ${a.groupSize} 人` : `试卷分析 ${a.sitting}: ${a.paper.n} candidates, upper/lower groups of ${a.groupSize}`),
    paperTable(a),
    "",
    c.bold("成绩分布"),
    bandTable(a),
    "",
    c.bold("各题统计"),
    itemTable(a, style),
    "",
    ...(optionTable(a) ? [c.bold("选择题选项分析 (upper/lower group share; * the key)"), optionTable(a)!, ""] : []),
    ...breakdownTables(a).flatMap((t) => [t, ""]),
    style.lang === "zh"
      ? flagged
        ? c.yellow(`需要关注的试题 ${flagged} 道`)
        : c.green("没有需要关注的试题")
      : flagged
        ? c.yellow(`${flagged} item${flagged === 1 ? "" : "s"} flagged`)
        : c.green("no item flagged"),
  ].join("\n");
}

export function formatRetagSummary(plan: RetagPlan, style: Style): string {
  const c = style.color;
  const lines: string[] = [];
  const zh = style.lang === "zh";
  if (plan.recorded.length) {
    lines.push(c.yellow(zh ? `${plan.recorded.length} 道题已有 ${plan.sitting} 的统计数据，不重复记录` : `${plan.recorded.length} question${plan.recorded.length === 1 ? " already has" : "s already have"} a stats entry for ${plan.sitting}: not recorded twice`));
  }
  if (plan.skipped.length) lines.push(zh ? `试卷中直接写出的 ${plan.skipped.length} 道题不在题库中，未处理` : `${plan.skipped.length} inline question${plan.skipped.length === 1 ? "" : "s"} of the paper left out (not in the bank)`);
  return [...lines, retagVerdict(plan, style)].join("\n");
}

function retagVerdict(plan: RetagPlan, style: Style): string {
  const c = style.color;
  if (!plan.retagged) {
    return c.yellow(
      style.lang === "zh"
        ? `考生 ${plan.n} 人，少于细目表要求的 ${plan.minCandidates} 人，不改难度标注，只记统计数据`
        : `${plan.n} candidates, fewer than the ${plan.minCandidates} the blueprint asks before retagging: stats entries only`,
    );
  }
  if (style.lang === "zh") return plan.changes.length ? `有 ${plan.changes.length} 处难度标注应改` : "各题的难度标注都与实测难度 p 相符";
  return plan.changes.length ? `${plan.changes.length} difficulty tag${plan.changes.length === 1 ? "" : "s"} to change` : "every difficulty tag agrees with the observed p";
}
