import type { IneligibleReason } from "../../core/assemble/classes.js";
import { formatMessage, type Lang } from "./index.js";

/** Why a question cannot be in a paper, in words. */
export function describeIneligible(reason: IneligibleReason, lang: Lang): string {
  const zh = lang === "zh";
  switch (reason.kind) {
    case "duplicate-id":
      return zh ? "题目编号重复" : "duplicate id";
    case "included-and-excluded":
      return zh ? "既指定入卷又被排除" : "both included and excluded";
    case "excluded":
      return zh ? "被细目表或 --exclude 排除" : "excluded by the blueprint or --exclude";
    case "history":
      return zh ? "按使用记录（细目表 rules.history）不得再用" : "kept out by the usage history (rules.history)";
    case "avoided":
      return zh ? "在 --avoid 指定的旧试卷中" : "in a paper given to --avoid";
    case "not-eligible":
      return zh ? "不适用于这份细目表" : "not eligible for this blueprint";
    case "no-section":
      return zh ? `细目表中没有${reason.type}这一题型` : `the blueprint has no ${reason.type} section`;
    case "finding":
      return formatMessage(reason.finding, lang);
  }
}
