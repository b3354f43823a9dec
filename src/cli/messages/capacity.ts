import type { CapacityReport, CapacityStage, RunsOut, SupplyLimit } from "../../core/coverage/index.js";
import type { ChapterNeeds } from "../../core/coverage/chapter-needs.js";
import type { RuleUnit } from "../../core/rules.js";
import { checkLabel, describeBounds } from "./checks.js";
import type { Lang } from "./types.js";

// The capacity report in words: what runs out, and each section's or rule's supply limit, from the
// numbers the core returns. English as it always read; Chinese as a 命题教师 would say it.

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""));

/** One amount with its unit: "12 points", "12 分". */
const amount = (n: number, unit: RuleUnit, lang: Lang) => describeBounds({ min: n, max: n }, unit, lang);

/** What a supply limit is about: the section's type, or the rule named as validate names it. */
export function supplyLimitLabel(l: SupplyLimit, lang: Lang): string {
  return l.kind === "section" ? l.type : checkLabel(l.subject, lang);
}

function sectionDetail(l: Extract<SupplyLimit, { kind: "section" }>, lang: Lang): string {
  if (lang === "zh") {
    const head = l.usable === l.eligible ? `符合条件的题 ${l.eligible} 道` : `符合条件的 ${l.eligible} 道题中只有 ${l.usable} 道能组入试卷`;
    const blocked = l.blocked.map((b) => `${b.questions} 道无法满足“${checkLabel(b.subject, lang)}”，如 ${b.examples.join("、")}`).join("；");
    return `${head}，每份试卷 ${l.perPaper} 道${blocked ? `（${blocked}）` : ""}`;
  }
  const head = l.usable === l.eligible ? `${l.eligible} eligible questions` : `${l.usable} of ${l.eligible} eligible questions can sit in a paper`;
  const blocked = l.blocked.map((b) => `${b.questions} cannot meet ${checkLabel(b.subject, lang)}, e.g. ${b.examples.join(", ")}`).join("; ");
  return `${head}, ${l.perPaper} a paper${blocked ? ` (${blocked})` : ""}`;
}

/** Why one more paper than the limit fails, by this section or rule alone. */
export function supplyLimitDetail(l: SupplyLimit, lang: Lang): string {
  if (l.kind === "section") return sectionDetail(l, lang);
  const n = l.papers + 1;
  const bounds = describeBounds(l.expected, l.unit, lang);
  if (lang === "zh") {
    return l.side === "min"
      ? `每份试卷需要 ${bounds}，${n} 份共需 ${amount(l.total, l.unit, lang)}；能组入试卷的题目合计最多 ${amount(l.reach, l.unit, lang)}`
      : `每份试卷至多 ${bounds}，${n} 份合计至多 ${amount(l.total, l.unit, lang)}；能组入试卷的题目合计至少也有 ${amount(l.reach, l.unit, lang)}`;
  }
  return l.side === "min"
    ? `needs ${bounds} a paper, ${num(l.total)} over ${n} papers; the usable questions give at most ${num(l.reach)}`
    : `allows ${bounds} a paper, ${num(l.total)} over ${n} papers; the usable questions give at least ${num(l.reach)}`;
}

/** What runs out first, named. */
export function runsOutLabel(r: RunsOut, lang: Lang): string {
  switch (r.kind) {
    case "supply":
      return supplyLimitLabel(r.limit, lang);
    case "shortfall":
      return checkLabel(r.subject, lang);
    case "together":
      return lang === "zh" ? "各项规则合在一起" : "the rules together";
    case "undecided":
      return lang === "zh" ? `${r.papers} 份试卷` : `${r.papers} papers`;
  }
}

/** How it runs out, specific enough to act on. */
export function runsOutDetail(r: RunsOut, lang: Lang): string {
  const zh = lang === "zh";
  switch (r.kind) {
    case "supply":
      return supplyLimitDetail(r.limit, lang);
    case "shortfall": {
      const each = describeBounds(r.expected, r.unit, lang);
      if (zh) {
        return r.shortBy > 0
          ? `${r.papers} 份试卷每份需要 ${each}，共需 ${amount(r.total, r.unit, lang)}；把 ${r.papers} 份合在一起算，题库最多也只能凑到 ${amount(r.closest, r.unit, lang)}（还差 ${amount(r.shortBy, r.unit, lang)}）`
          : `${r.papers} 份试卷每份至多 ${each}，合计至多 ${amount(r.total, r.unit, lang)}；把 ${r.papers} 份合在一起算，题库至少也有 ${amount(r.closest, r.unit, lang)}（超出 ${amount(-r.shortBy, r.unit, lang)}）`;
      }
      return r.shortBy > 0
        ? `${r.papers} papers need ${each} each, ${num(r.total)} in all; the closest the questions come is ${num(r.closest)} (short by ${num(r.shortBy)}), counting the ${r.papers} papers together`
        : `${r.papers} papers allow ${each} each, ${num(r.total)} in all; the questions give at least ${num(r.closest)} (over by ${num(-r.shortBy)}), counting the ${r.papers} papers together`;
    }
    case "together":
      if (r.source === "joint") {
        return zh
          ? `题目总量够用，但逐份组卷时，${r.papers} 份互不重复的试卷无法每份都满足所有规则（包括互斥题目不同卷）`
          : `${r.papers} disjoint papers cannot meet every rule (enemies included) paper by paper, though the questions suffice counted together`;
      }
      return zh ? `${r.papers} 份互不重复的试卷无法同时满足所有规则` : `${r.papers} disjoint papers cannot meet every rule together`;
    case "undecided":
      if (zh) {
        const head = `尚无定论：已组出 ${r.built} 份，至多可能 ${r.atMost} 份`;
        return r.joint
          ? `${head}；按题量合计够 ${r.papers} 份，但逐份核对的组合太多（${r.joint.choices} 种，超过检查的上限 ${r.joint.limit}）`
          : `${head}；在每次计算 ${r.maxNodes} 步的限度内，${r.papers} 份既没有组出来，也没能证明组不出来`;
      }
      return r.joint
        ? `not settled: ${r.built} built, at most ${r.atMost} possible; the aggregate allows ${r.papers}, and their joint model (${r.joint.choices} choices) is beyond what the check tries (${r.joint.limit})`
        : `not settled: ${r.built} built, at most ${r.atMost} possible; within ${r.maxNodes} solver nodes a solve, ${r.papers} could be neither built nor proven impossible`;
  }
}

/** Why a chapter need not offer a question type: its points each exceed what the chapter takes. */
export function exemptReason(e: ChapterNeeds["typesExempt"][number], lang: Lang): string {
  return lang === "zh"
    ? `每题 ${e.pointsEach} 分，而该章（${e.tier}）至多 ${e.max} 分`
    : `${e.pointsEach} points each, the chapter (${e.tier}) takes at most ${e.max}`;
}

/** The capacity report for JSON: its data, and beside each limit and what runs out its words in `lang`. */
export function capacityJson(capacity: CapacityReport, lang: Lang): unknown {
  return {
    ...capacity,
    limits: capacity.limits.map((l) => ({ ...l, label: supplyLimitLabel(l, lang), message: supplyLimitDetail(l, lang) })),
    runsOut: capacity.runsOut.map((r) => ({ ...r, label: runsOutLabel(r, lang), message: runsOutDetail(r, lang) })),
  };
}

/** Each chapter's needs for JSON, with why a type is exempt in `lang`. */
export function needsJson(needs: readonly ChapterNeeds[], lang: Lang): unknown {
  return needs.map((n) => ({ ...n, typesExempt: n.typesExempt.map((e) => ({ ...e, reason: exemptReason(e, lang) })) }));
}

/** A stage of the capacity search, as the progress line shows it. */
export function capacityStage(s: CapacityStage, lang: Lang): string {
  if (lang === "zh") {
    switch (s.stage) {
      case "supply":
        return "可组试卷数：清点题库能提供的题目";
      case "aggregate":
        return `可组试卷数：按题量合计，题库够不够 ${s.papers} 份？（按题目数量至多 ${s.upper} 份）`;
      case "construct":
        return `可组试卷数：已组出 ${s.built} / ${s.target} 份互不重复的试卷`;
      case "classes":
        return `可组试卷数：按题目类别合计，题库够不够 ${s.papers} 份？`;
      case "joint":
        return `可组试卷数：逐份核对，题库够不够 ${s.papers} 份？`;
      case "explain":
        return `可组试卷数：为什么组不出 ${s.papers} 份`;
    }
  }
  switch (s.stage) {
    case "supply":
      return "capacity: counting what the bank can supply";
    case "aggregate":
      return `capacity: can the bank hold ${s.papers} papers in aggregate? (≤ ${s.upper} by supply)`;
    case "construct":
      return `capacity: ${s.built} of ${s.target} disjoint papers built`;
    case "classes":
      return `capacity: can the bank hold ${s.papers} papers, counted by class?`;
    case "joint":
      return `capacity: can the bank hold ${s.papers} papers, paper by paper?`;
    case "explain":
      return `capacity: why not ${s.papers}`;
  }
}
