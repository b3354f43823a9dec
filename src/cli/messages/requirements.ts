import type { Requirement } from "../../core/coverage/index.js";
import { plural } from "../words.js";
import { runsOutDetail, runsOutLabel } from "./capacity.js";
import type { Lang } from "./types.js";

// The coverage report's requirements in words, from their subject and numbers.

const s = (n: number) => (n === 1 ? "" : "s");

/** What a requirement asks, as a line of the report or the name of a JUnit testcase. */
export function requirementLabel(r: Requirement, lang: Lang): string {
  const a = r.subject;
  const zh = lang === "zh";
  switch (a.rule) {
    case "lint":
      return zh ? "题库通过 lint 检查" : "the bank passes lint";
    case "knowledge-point":
      return zh ? `知识点 ${a.id} ${a.title} 至少有 ${a.min} 道题` : `knowledge point ${a.id} ${a.title} has at least ${plural(a.min, "question")}`;
    case "chapter-types":
      return zh ? `第${a.chapter}章 ${a.title} 有细目表可能在这一章安排的每种题型` : `chapter ${a.chapter} ${a.title} offers every question type the blueprint can place there`;
    case "chapter-levels":
      return zh ? `第${a.chapter}章 ${a.title} 有考核要求列出的每个认知层次` : `chapter ${a.chapter} ${a.title} offers every level its 考核要求 names`;
    case "capacity":
      return zh ? `题库至少能组出 ${a.min} 份互不重复的试卷` : `the bank supplies at least ${a.min} pairwise-disjoint paper${s(a.min)}`;
  }
}

function papersShown(r: Extract<Requirement["subject"], { rule: "capacity" }>, lang: Lang): string {
  if (r.exact) return String(r.papers);
  return lang === "zh" ? `至少 ${r.papers} 份（至多 ${r.atMost} 份）` : `at least ${r.papers} (at most ${r.atMost})`;
}

/** An unmet requirement: what is missing, specific enough to act on. */
export function requirementMessage(r: Requirement, lang: Lang): string {
  const a = r.subject;
  const zh = lang === "zh";
  switch (a.rule) {
    case "lint":
      return zh ? `lint 在题库中发现 ${a.errors} 个错误（zujuan lint 会全部列出）` : `lint finds ${plural(a.errors, "error")} in the bank (zujuan lint lists them)`;
    case "knowledge-point":
      return zh
        ? `知识点 ${a.id} ${a.title}（第${a.chapter}章）只有 ${a.questions} 道题，至少需要 ${a.min} 道`
        : `knowledge point ${a.id} ${a.title} (chapter ${a.chapter}) has ${plural(a.questions, "question")}, needs at least ${a.min}`;
    case "chapter-types":
      return zh
        ? `第${a.chapter}章 ${a.title} 没有${a.missing.join("、")}：试卷永远无法用这些题型考这一章`
        : `chapter ${a.chapter} ${a.title} has no ${a.missing.join(", no ")}: papers can never ask ${a.missing.length === 1 ? "it" : "them"} about this chapter`;
    case "chapter-levels":
      return zh
        ? `第${a.chapter}章 ${a.title} 没有${a.missing.join("、")}层次的题，而考核要求列出了它们`
        : `chapter ${a.chapter} ${a.title} has no question at ${a.missing.join(", ")}, which its 考核要求 names`;
    case "capacity": {
      const first = a.runsOut.map((x) => `${runsOutLabel(x, lang)}${zh ? "：" : ": "}${runsOutDetail(x, lang)}`).join(zh ? "；" : "; ");
      return zh
        ? `题库能组出 ${a.exact ? `${a.papers} 份` : papersShown(a, lang)}互不重复的试卷，要求 ${a.min} 份；到第 ${a.papers + 1} 份时最先用尽：${first}`
        : `the bank supplies ${papersShown(a, lang)} disjoint paper${s(a.papers)}, ${a.min} wanted; at ${a.papers + 1} runs out first: ${first}`;
    }
  }
}

/** The measured side of a requirement, as the report and JUnit show it. */
export function requirementActual(r: Requirement, lang: Lang): string {
  const a = r.subject;
  const zh = lang === "zh";
  switch (a.rule) {
    case "lint":
      return zh ? `${a.errors} 个错误` : plural(a.errors, "error");
    case "knowledge-point":
      return String(a.questions);
    case "chapter-types":
    case "chapter-levels":
      return a.missing.length ? (zh ? `缺少 ${a.missing.join("、")}` : `missing ${a.missing.join(" ")}`) : zh ? "齐全" : "all";
    case "capacity":
      return papersShown(a, lang);
  }
}

/** The required side of a requirement. */
export function requirementExpected(r: Requirement, lang: Lang): string {
  const a = r.subject;
  switch (a.rule) {
    case "lint":
      return lang === "zh" ? "0 个错误" : "0 errors";
    case "chapter-types":
    case "chapter-levels":
      return a.needed.join(" ") || (lang === "zh" ? "无" : "none");
    default:
      return `≥ ${r.expected.min}`;
  }
}
