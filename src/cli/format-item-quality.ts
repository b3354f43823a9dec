import type { Diagnostic, Severity } from "../core/diagnostic.js";
import { CUE_THRESHOLDS, type CueStatistics, type CueWarning, type ItemFinding } from "../core/item-quality/index.js";
import type { Style } from "./style.js";
import { plural } from "./words.js";

const percent = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function itemDiagnostic(f: ItemFinding, strict: boolean): Diagnostic {
  const severity: Severity = strict ? "error" : "warning";
  // The rule's code and its arguments correspond (ItemFinding is a union by rule); TypeScript cannot follow that through the spread.
  return { code: f.rule, severity, location: f.location, args: { id: f.id, ...f.args } } as Diagnostic;
}

export function cueDiagnostic(w: CueWarning, strict: boolean): Diagnostic {
  return { code: w.code, severity: strict ? "error" : "warning", args: w.args } as Diagnostic;
}

/** The cue statistics as a short block of text. */
export function formatCueStatistics(s: CueStatistics, style: Style): string {
  const { singleChoice: sc, absoluteWording: aw, multipleChoice: mc, levelDifficulty: ld } = s;
  const rate = (r: { with: number; total: number }) => `${r.with}/${r.total} (${percent(r.total ? r.with / r.total : 0)})`;
  const counts = Object.keys(mc.keyedCounts).sort().map((k) => `${k}: ${mc.keyedCounts[k]}`).join(", ");
  const letters = Object.keys(sc.letters).sort().map((l) => `${l} ${sc.letters[l]}`).join(", ");
  const [title, single, absolute, multiple, levelDifficulty] =
    style.lang === "zh"
      ? [
          style.color.bold("选择题线索统计"),
          `  ${sc.types.join("、") || "单选"}（${sc.questions} 题）：一律选最长的选项得 ${percent(sc.longestPick)}，随机猜测 ${percent(sc.chance)}（超过 ${percent(CUE_THRESHOLDS.longestPick)} 时提醒）；答案字母分布：${letters}`,
          `  绝对化用语：正确选项中 ${rate(aw.keyed)}，干扰项中 ${rate(aw.distractors)}`,
          `  ${mc.types.join("、") || "多选"}（${mc.questions} 题）：正确选项个数 ${counts || "无"}；全部或只差一个选项正确的占 ${percent(mc.nearlyAllKeyed)}（超过 ${percent(CUE_THRESHOLDS.nearlyAllKeyed)} 时提醒）`,
          `  认知层次 × 难度（${ld.parts} 个计分部分）：Cramér's V = ${ld.cramersV}（超过 ${CUE_THRESHOLDS.cramersV} 时提醒）`,
        ]
      : [
          style.color.bold("cue statistics"),
          `  ${sc.types.join(", ") || "single choice"} (${sc.questions}): "pick the longest" scores ${percent(sc.longestPick)}, chance ${percent(sc.chance)} (warn above ${percent(CUE_THRESHOLDS.longestPick)}); keys by letter: ${letters}`,
          `  absolute wording: keyed options ${rate(aw.keyed)}, distractors ${rate(aw.distractors)}`,
          `  ${mc.types.join(", ") || "multiple choice"} (${mc.questions}): keyed counts ${counts || "none"}; all or all but one keyed ${percent(mc.nearlyAllKeyed)} (warn above ${percent(CUE_THRESHOLDS.nearlyAllKeyed)})`,
          `  level × difficulty (${plural(ld.parts, "graded part")}): Cramér's V = ${ld.cramersV} (warn above ${CUE_THRESHOLDS.cramersV})`,
        ];
  // A course without single or multiple choice questions has no such cues to speak of.
  const lines = [title, sc.questions ? single : "", sc.questions + mc.questions ? absolute : "", mc.questions ? multiple : "", levelDifficulty];
  return lines.filter(Boolean).join("\n");
}
