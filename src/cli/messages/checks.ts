import type { Bounds, CheckSubject, CheckUnit, RuleCheck } from "../../core/validate.js";
import type { Lang } from "./types.js";

// Rule checks in words: what each rule is about, its bounds and the measured amount, in either language.

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""));

const EN_UNITS: Record<CheckUnit, [string, string]> = {
  questions: ["question", "questions"],
  points: ["point", "points"],
  minutes: ["minute", "minutes"],
  sections: ["section", "sections"],
  repeats: ["repeat", "repeats"],
  pairs: ["pair", "pairs"],
  sets: ["set", "sets"],
  findings: ["problem", "problems"],
};

const ZH_UNITS: Record<CheckUnit, string> = { questions: "题", points: "分", minutes: "分钟", sections: "部分", repeats: "处重复", pairs: "对", sets: "组", findings: "处问题" };

function unitWord(value: number | undefined, unit: CheckUnit, lang: Lang): string {
  if (lang === "zh") return ZH_UNITS[unit];
  const [one, many] = EN_UNITS[unit];
  return value === 1 ? one : many;
}

/** "8–25 points", "≥ 1 question", "0 repeats"; in Chinese "8–25 分", "≥ 1 题". */
export function describeBounds(b: Bounds, unit: CheckUnit, lang: Lang): string {
  const { min, max } = b;
  const amount = (text: string, n: number | undefined) => `${text} ${unitWord(n, unit, lang)}`;
  if (min !== undefined && max !== undefined) return min === max ? amount(num(min), min) : amount(`${num(min)}–${num(max)}`, max);
  if (min !== undefined) return amount(`≥ ${num(min)}`, min);
  if (max !== undefined) return max === 0 ? amount("0", 0) : amount(`≤ ${num(max)}`, max);
  return lang === "zh" ? "不限" : "any";
}

/** The measured amount with its unit: "1 question", "130 minutes"; no section: "no section". */
export function describeActual(check: Pick<RuleCheck, "actual" | "unit" | "subject">, lang: Lang): string {
  if (check.actual === null) return lang === "zh" ? "无此题型" : "no section";
  if (check.subject.rule === "section-order" && check.actual === 0) return lang === "zh" ? "顺序正确" : "in order";
  if (check.subject.rule === "section-order") return check.subject.order.join("、");
  if (check.subject.rule === "include") return check.actual ? (lang === "zh" ? "已入卷" : "in the paper") : lang === "zh" ? "未入卷" : "missing";
  return `${num(check.actual)} ${unitWord(check.actual, check.unit, lang)}`;
}

/** What a check expects, as the table shows it. */
export function describeExpected(check: Pick<RuleCheck, "expected" | "unit" | "subject">, lang: Lang): string {
  if (check.subject.rule === "include") return lang === "zh" ? "入卷" : "in the paper";
  if (check.subject.rule === "section-order") return lang === "zh" ? "按细目表" : "blueprint order";
  return describeBounds(check.expected, check.unit, lang);
}

/** The rule a check is about, named as a setter would name it. */
export function checkLabel(subject: CheckSubject, lang: Lang): string {
  return lang === "zh" ? zhLabel(subject) : enLabel(subject);
}

/** A section by its type, and its id when several sections share the type. */
const sectionName = (s: { type: string; section?: string }) => (s.section ? `${s.type} (${s.section})` : s.type);

function enLabel(s: CheckSubject): string {
  switch (s.rule) {
    case "section-count":
      return `${sectionName(s)}: ${s.count} ${s.count === 1 ? "question" : "questions"}`;
    case "total-points":
      return "total score";
    case "level-share":
      return `${s.level} ${num(s.share)}% of the score`;
    case "difficulty-share":
      return `${s.difficulty} ${num(s.share)}% of the score`;
    case "chapter-examined":
      return `第${s.chapter}章 examined`;
    case "chapter-points":
      return `第${s.chapter}章 (${s.tier}) points`;
    case "tier-points":
      return `${s.tier} chapters together`;
    case "time":
      return "estimated answering time";
    case "knowledge-point":
      return `knowledge point ${s.knowledgePoint} ${s.title}`;
    case "chapter-knowledge-points":
      return `第${s.chapter}章 knowledge points together`;
    case "section-order":
      return "sections in the blueprint's order";
    case "points-each":
      return `${sectionName(s)}: points per question`;
    case "unique":
      return "no question twice";
    case "enemies":
      return "no excluded (enemy) questions together";
    case "syllabus":
      return "every question inside the syllabus";
    case "marking":
      return "marking (case sub-question) points add up to each question's points";
    case "references":
      return "every question id known and every inline question valid";
    case "include":
      return `included question ${s.id}${s.forms ? ` (form ${s.forms.join(", ")})` : ""}`;
    case "exclude":
      return "no excluded question";
    case "sets":
      return "question sets whole (all or none)";
    case "tier-order":
      return `${s.upper} ahead of ${s.lower}: average points per chapter${s.margin ? ` (margin ${num(s.margin)})` : ""}`;
    case "history-barred":
      return `no question the usage history keeps out (${[...(s.notWithin !== undefined ? [`not within ${s.notWithin} ${s.notWithin === 1 ? "sitting" : "sittings"}`] : []), ...(s.maxUses ? [`not after ${s.maxUses.times} uses in ${s.maxUses.sittings} sittings`] : [])].join("; ")})`;
    case "reused":
      return `questions reused from earlier papers (rules.history.max_reused ${s.bound})`;
    case "overlap":
      return `questions shared with another form${s.form ? ` (form ${s.form})` : ""} (max overlap ${s.bound})`;
    case "set-whole":
      return `question set ${s.set} whole: ${s.id} with ${s.with}`;
  }
}

function zhLabel(s: CheckSubject): string {
  switch (s.rule) {
    case "section-count":
      return `${sectionName(s)}：${s.count} 题`;
    case "total-points":
      return "试卷总分";
    case "level-share":
      return `${s.level}占总分 ${num(s.share)}%`;
    case "difficulty-share":
      return `${s.difficulty}占总分 ${num(s.share)}%`;
    case "chapter-examined":
      return `第${s.chapter}章有题`;
    case "chapter-points":
      return `第${s.chapter}章（${s.tier}）分值`;
    case "tier-points":
      return `${s.tier}各章合计`;
    case "time":
      return "预计答题时间";
    case "knowledge-point":
      return `知识点 ${s.knowledgePoint} ${s.title}`;
    case "chapter-knowledge-points":
      return `第${s.chapter}章各知识点合计`;
    case "section-order":
      return "题型顺序与细目表一致";
    case "points-each":
      return `${sectionName(s)}：每题分值`;
    case "unique":
      return "没有重复的题目";
    case "enemies":
      return "互斥题目不同时入卷";
    case "syllabus":
      return "每道题都在考试大纲范围内";
    case "marking":
      return "评分要点（含各小题）分值与每题分值相符";
    case "references":
      return "题目编号都在题库中，试卷中直接写出的题目都有效";
    case "include":
      return `指定入卷的题目 ${s.id}${s.forms ? `（${s.forms.join("、")}卷）` : ""}`;
    case "exclude":
      return "排除的题目没有入卷";
    case "sets":
      return "题组整组入卷（全部或都不入）";
    case "tier-order":
      return `${s.upper}章节平均分不低于${s.lower}章节${s.margin ? `（至少高 ${num(s.margin)} 分）` : ""}`;
    case "history-barred":
      return `不用使用记录限制的题目（${[...(s.notWithin !== undefined ? [`${s.notWithin} 次考试内不重复`] : []), ...(s.maxUses ? [`${s.maxUses.sittings} 次考试内至多用 ${s.maxUses.times} 次`] : [])].join("；")}）`;
    case "reused":
      return `与旧试卷重复的题目（rules.history.max_reused ${s.bound}）`;
    case "overlap":
      return `与${s.form ? ` ${s.form} 卷` : "另一份试卷"}相同的题目（至多 ${s.bound}）`;
    case "set-whole":
      return `题组 ${s.set} 整组入卷：${s.id} 与 ${s.with}`;
  }
}
