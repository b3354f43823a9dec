import type { AssemblyProgress } from "../../core/assemble/assemble.js";
import type { Diagnosis, RuleShortfall, ShortfallSubject } from "../../core/assemble/diagnose.js";
import { formLabel } from "../../core/assemble/model.js";
import type { ReplaceResult, ReplaceShortfall } from "../../core/assemble/replace.js";
import type { RuleSupply } from "../../core/assemble/supply.js";
import { fmt, type RuleUnit } from "../../core/rules.js";
import { checkLabel, describeBounds } from "./checks.js";
import type { Lang } from "./types.js";

// Why no paper (or no replacement) exists, in words: the core hands over the numbers, these say them
// as a setter would, in English or in the words of a 命题教师.

const ZH_UNIT: Record<RuleUnit, string> = { questions: "题", points: "分", minutes: "分钟" };

/** The rule a shortfall is about, named as the check tables name it. */
export function shortfallLabel(subject: ShortfallSubject, lang: Lang): string {
  if (subject.rule === "knowledge-points") return lang === "zh" ? "知识点考查次数" : "knowledge points";
  return checkLabel(subject, lang);
}

/** An amount in the rule's unit, for Chinese sentences ("54 分"); English keeps the bare number. */
function amount(n: number, unit: RuleUnit, lang: Lang): string {
  return lang === "zh" ? `${fmt(n)} ${ZH_UNIT[unit]}` : fmt(n);
}

function supplyDetail(supply: RuleSupply, needMore: boolean, lang: Lang): string {
  const none = lang === "zh" ? "（无可用题目）" : " (none eligible)";
  return supply.sections.map((s) => `${s.type} ${fmt(needMore ? s.max : s.min)}${s.contributing === 0 && needMore ? none : ""}`).join(lang === "zh" ? "，" : ", ");
}

/** One rule that cannot hold, with the arithmetic or the closest paper that shows it. */
export function shortfallMessage(s: RuleShortfall, lang: Lang): string {
  return lang === "zh" ? zhShortfall(s) : enShortfall(s);
}

function enShortfall(s: RuleShortfall): string {
  const label = shortfallLabel(s.subject, "en");
  const expected = describeBounds(s.expected, s.unit, "en");
  const more = s.shortBy > 0;
  const why = s.why;
  switch (why.kind) {
    case "bank-supply":
      return more
        ? `${label} needs ${expected}; eligible questions supply at most ${fmt(s.closest)} (${supplyDetail(s.supply!, true, "en")})`
        : `${label} allows ${expected}; eligible questions give at least ${fmt(s.closest)} (${supplyDetail(s.supply!, false, "en")})`;
    case "closest-paper": {
      const formNote = why.formNamed ? ` in form ${formLabel(s.form)}` : "";
      if (s.bound)
        return more
          ? `${label}: needs ${expected}; no paper${formNote} comes closer than ${fmt(s.closest)} (short by at least ${fmt(s.shortBy)}: a bound, not a paper found)`
          : `${label}: allows ${expected}; no paper${formNote} comes closer than ${fmt(s.closest)} (over by at least ${fmt(-s.shortBy)}: a bound, not a paper found)`;
      return more
        ? `${label}: needs ${expected}, the closest paper${formNote} reaches ${fmt(s.closest)} (short by ${fmt(s.shortBy)})`
        : `${label}: allows ${expected}, the closest paper${formNote} has ${fmt(s.closest)} (over by ${fmt(-s.shortBy)})`;
    }
    case "disjoint-forms":
      return more
        ? `${label}: ${why.forms} disjoint forms need ${fmt(why.together)} ${s.unit} together; the bank comes no closer than ${fmt(s.closest)} (short by ${fmt(s.shortBy)})`
        : `${label}: ${why.forms} disjoint forms allow ${fmt(why.together)} ${s.unit} together; the bank gives at least ${fmt(s.closest)} (over by ${fmt(-s.shortBy)})`;
    case "forms-supply": {
      const sharing = why.maxOverlap > 0 ? ` sharing at most ${why.maxOverlap} questions a pair` : " with no question in common";
      return `${why.type}: ${why.forms} forms of ${why.count}${sharing} need at least ${why.need} questions; the bank has ${why.have} eligible (short by ${why.need - why.have})`;
    }
    case "tier-ranges":
      return more
        ? `${why.tier} chapters together need ≥ ${fmt(s.expected.min!)} points; their chapters' ranges allow at most ${fmt(s.closest)}`
        : `${why.tier} chapters together allow ≤ ${fmt(s.expected.max!)} points; their chapters' ranges need at least ${fmt(s.closest)}`;
    case "chapter-ranges": {
      const parts = why.tiers.map((t) => `${t.tier} ${fmt(t.lo)}–${fmt(t.hi)}`).join(", ");
      return more
        ? `the chapters can give at most ${fmt(s.closest)} points together (${parts}), the paper has ${fmt(why.total)}`
        : `the chapters need at least ${fmt(s.closest)} points together (${parts}), the paper has ${fmt(why.total)}`;
    }
    case "tier-vs-others":
      return `${why.tier} chapters need ${fmt(why.lo)}–${fmt(why.hi)} points while the other chapters need ${fmt(why.othersLo)}–${fmt(why.othersHi)} of the ${fmt(why.total)}`;
    case "chapter-knowledge-points":
      return `第${why.chapter}章 must be examined by ≥ ${why.need} questions, but its ${why.points} knowledge points may take at most ${why.most} each: ${fmt(s.closest)} questions at most`;
    case "knowledge-point-capacity":
      return `a paper has ${why.questions} questions, but ${why.points} knowledge points at most ${why.most} each hold ${why.most * why.points}`;
  }
}

function zhShortfall(s: RuleShortfall): string {
  const label = shortfallLabel(s.subject, "zh");
  const expected = describeBounds(s.expected, s.unit, "zh");
  const more = s.shortBy > 0;
  const closest = amount(s.closest, s.unit, "zh");
  const gap = amount(Math.abs(s.shortBy), s.unit, "zh");
  const why = s.why;
  switch (why.kind) {
    case "bank-supply":
      return more
        ? `${label}：要求 ${expected}，题库中可用的题目最多只能提供 ${closest}（${supplyDetail(s.supply!, true, "zh")}）`
        : `${label}：要求 ${expected}，题库中可用的题目至少也要占 ${closest}（${supplyDetail(s.supply!, false, "zh")}）`;
    case "closest-paper": {
      const formNote = why.formNamed ? `（${formLabel(s.form)} 卷）` : "";
      if (s.bound)
        return more
          ? `${label}：要求 ${expected}，任何试卷${formNote}都达不到 ${closest} 以上（至少差 ${gap}；这是推算出的界限，并非实际组出的试卷）`
          : `${label}：要求 ${expected}，任何试卷${formNote}都不会少于 ${closest}（至少多 ${gap}；这是推算出的界限，并非实际组出的试卷）`;
      return more
        ? `${label}：要求 ${expected}，最接近的试卷${formNote}只有 ${closest}（差 ${gap}）`
        : `${label}：要求 ${expected}，最接近的试卷${formNote}也有 ${closest}（多 ${gap}）`;
    }
    case "disjoint-forms":
      return more
        ? `${label}：${why.forms} 套互不重复的试卷共需 ${amount(why.together, s.unit, "zh")}，题库最多只能提供 ${closest}（差 ${gap}）`
        : `${label}：${why.forms} 套互不重复的试卷合计至多 ${amount(why.together, s.unit, "zh")}，题库至少也要占 ${closest}（多 ${gap}）`;
    case "forms-supply": {
      const sharing = why.maxOverlap > 0 ? `，每两套至多共用 ${why.maxOverlap} 题` : "，互不重复";
      return `${why.type}：${why.forms} 套试卷各 ${why.count} 题${sharing}，至少需要 ${why.need} 道不同的题，题库中可用的只有 ${why.have} 道（差 ${why.need - why.have} 道）`;
    }
    case "tier-ranges":
      return more
        ? `${why.tier}各章合计要求 ≥ ${fmt(s.expected.min!)} 分，但按细目表中各章的分值范围最多只有 ${closest}`
        : `${why.tier}各章合计至多 ${fmt(s.expected.max!)} 分，但按细目表中各章的分值范围至少要 ${closest}`;
    case "chapter-ranges": {
      const parts = why.tiers.map((t) => `${t.tier} ${fmt(t.lo)}–${fmt(t.hi)}`).join("，");
      return more
        ? `按细目表，各章合计最多只能给 ${closest}（${parts}），而试卷总分为 ${fmt(why.total)} 分`
        : `按细目表，各章合计至少需要 ${closest}（${parts}），而试卷总分只有 ${fmt(why.total)} 分`;
    }
    case "tier-vs-others":
      return `${why.tier}各章需要 ${fmt(why.lo)}–${fmt(why.hi)} 分，而其余各章需要 ${fmt(why.othersLo)}–${fmt(why.othersHi)} 分，试卷总分只有 ${fmt(why.total)} 分`;
    case "chapter-knowledge-points":
      return `第${why.chapter}章至少要考 ${why.need} 题，但该章只有 ${why.points} 个知识点，每个知识点至多考 ${why.most} 题，最多只能考 ${closest}`;
    case "knowledge-point-capacity":
      return `试卷共 ${why.questions} 题，但 ${why.points} 个知识点每个至多考 ${why.most} 题，最多只能容纳 ${why.most * why.points} 题`;
  }
}

/** The headline of a failed assembly: which rules cannot hold together, or why the search stopped. */
export function diagnosisMessage(d: Diagnosis, lang: Lang): string {
  const zh = lang === "zh";
  const named = [...new Set([...d.bankShort, ...d.shortfalls].map((s) => shortfallLabel(s.subject, lang)))];
  let text: string;
  if (d.failure?.kind === "solver") {
    const detail = d.failure.detail ?? (zh ? `求解器状态 ${d.failure.status}` : `solver status ${d.failure.status}`);
    text = zh ? `求解器出错：${detail}` : `solver failed: ${detail}`;
  }
  else if (d.failure?.kind === "internal-check") {
    const failed = d.failure.failed.map((c) => `${c.id}: expected ${JSON.stringify(c.expected)}, got ${c.actual}`).join("; ");
    text = zh ? `${d.failure.form} 卷的内部核对未通过（程序错误，请报告）：${failed}` : `internal check failed for form ${d.failure.form}: ${failed}`;
  } else if (d.proven || d.inTurn !== undefined)
    text = zh
      ? `用现有题库组不出满足全部要求的试卷，${named.length ? `以下要求不能同时满足：${named.join("；")}` : "各项要求相互冲突"}`
      : `no paper can meet every rule: ${named.length ? named.join("; ") : "the rules conflict"} cannot hold together with this bank`;
  else text = zh ? "在时限内没有组出试卷（并未证明组不出）：请放宽 --time-limit 或细目表的要求" : "no paper found within the time limit (not proven impossible): raise --time-limit or relax the blueprint";
  if (d.inTurn !== undefined) {
    const f = d.inTurn;
    text = zh
      ? `在前面各卷已选定的情况下，${f} 卷组不出来（因有题目指定入 ${f} 卷，各卷依次组卷；并未证明换一种选法也不行）：${text}`
      : `form ${f} cannot be built beside the forms before it (built in turn because of pins to form ${f}; not proven impossible for every choice): ${text}`;
  }
  if (d.culprits?.length) {
    const c = d.culprits;
    text += zh
      ? `；原因在于指定入卷的 ${c.join("、")}：去掉${c.length === 1 ? "这道题" : "这些题"}就能组出试卷`
      : `; the included question${c.length === 1 ? "" : "s"} ${c.join(", ")} cause${c.length === 1 ? "s" : ""} it: without ${c.length === 1 ? "it" : "them"} a paper exists`;
  }
  return text;
}

/** A rule the closest replacement misses. */
export function replaceShortfallMessage(s: ReplaceShortfall, lang: Lang): string {
  const label = checkLabel(s.subject, lang);
  const expected = describeBounds(s.expected, s.unit, lang);
  const short = s.expected.min !== undefined && s.closest < s.expected.min;
  if (lang === "zh") return `${label}：要求 ${expected}，最接近的替换方案${short ? "只有" : "也有"} ${amount(s.closest, s.unit, "zh")}`;
  return short ? `${label}: needs ${expected}, the closest replacement reaches ${fmt(s.closest)}` : `${label}: allows ${expected}, the closest replacement has ${fmt(s.closest)}`;
}

/** The headline of a replacement that cannot be made. */
export function replaceFailureMessage(result: Extract<ReplaceResult, { ok: false; reason: "infeasible" | "timeout" | "error" }>, lang: Lang): string {
  const zh = lang === "zh";
  if (result.reason === "timeout") return zh ? "在时限内没有找到替换方案（并未证明找不到）" : "no replacement found within the time limit (not proven impossible)";
  if (result.reason === "error") return result.detail ?? (zh ? `求解器状态 ${result.status}` : `solver status ${result.status}`);
  const named = [...new Set(result.shortfalls.map((s) => checkLabel(s.subject, lang)))];
  if (zh) {
    const pinned = result.with?.length ? `放入 ${result.with.join("、")} 后，` : "";
    return `${pinned}其余题目保持不变时，无论怎样替换都不能满足全部要求，${named.length ? `以下要求不能同时满足：${named.join("；")}` : "各项要求相互冲突"}`;
  }
  const pinned = result.with?.length ? ` with ${result.with.join(", ")} in` : "";
  return `no replacement keeps every rule${pinned}: ${named.length ? named.join("; ") : "the rules conflict"} cannot hold with the other questions kept`;
}

/** A diagnosis as JSON: the data, and each sentence in the chosen language beside it. */
export function diagnosisJson(d: Diagnosis, lang: Lang, message = diagnosisMessage(d, lang)) {
  const worded = (s: RuleShortfall) => ({ ...s, label: shortfallLabel(s.subject, lang), message: shortfallMessage(s, lang) });
  return { ...d, shortfalls: d.shortfalls.map(worded), bankShort: d.bankShort.map(worded), message };
}

/** An assembly's progress line. */
export function assemblyProgressText(p: AssemblyProgress, lang: Lang): string {
  const zh = lang === "zh";
  switch (p.stage) {
    case "grouping":
      return zh ? "正在把可互换的题目归类" : "grouping interchangeable questions";
    case "solving":
      return zh ? `正在求解（模型 ${p.variables} 个变量、${p.rows} 行）` : `solving a model of ${p.variables} variables and ${p.rows} rows`;
    case "explaining":
      return zh ? "正在查找组不出试卷的原因" : "explaining why no paper fits";
  }
}
