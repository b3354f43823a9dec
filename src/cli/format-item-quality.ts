import type { Diagnostic, Severity } from "../core/diagnostic.js";
import { CUE_THRESHOLDS, type CueStatistics, type CueWarning, type ItemFinding } from "../core/item-quality/index.js";
import type { Style } from "./style.js";

const percent = (x: number) => `${Math.round(x * 1000) / 10} %`;
const list = (v: unknown) => (Array.isArray(v) ? v.join(", ") : String(v));

/** The sentence of one item-writing finding. */
export function describeItemFinding(f: ItemFinding): string {
  const a = f.args;
  switch (f.rule) {
    case "longest-key":
      return `${f.id}: the key ${a.key} is the longest option by a clear margin (${a.length} characters, the next ${a.next}): a test-wise candidate picks it unread`;
    case "absolute-distractor":
      return `${f.id}: absolute wording only in distractors (${list(a.options)}: ${list(a.words)}): the test-wise reject them unread`;
    case "overlapping-options":
      return `${f.id}: option ${a.option} (${a.text}) is contained in option ${a.within}`;
    case "all-of-the-above":
      return `${f.id}: option ${a.option} is "${a.text}": write a fourth plausible option instead`;
    case "all-keyed":
      return `${f.id}: every option is keyed (${a.answer}): choosing all scores full marks`;
    case "clang":
      return `${f.id}: the stem and the key ${a.option} share "${a.word}", which no distractor has (a clang association)`;
    case "near-duplicate":
      return `${f.id}: ${a.kind === "options" ? "option set" : a.kind} near-duplicate of ${list(a.others)} (bigram similarity ${a.similarity} ≥ ${a.threshold}); add ${a.excludes}`;
    case "give-away":
      return `${f.id}: prints ${list(a.phrases)}, the answer of ${list(a.others)}; add ${a.excludes}`;
  }
}

export function itemDiagnostic(f: ItemFinding, strict: boolean): Diagnostic {
  const severity: Severity = strict ? "error" : "warning";
  return { code: f.rule, severity, message: describeItemFinding(f), location: f.location, args: f.args };
}

export function describeCueWarning(w: CueWarning): string {
  const a = w.args;
  switch (w.code) {
    case "longest-option-cue":
      return `always picking the longest option scores ${percent(Number(a.score))} of the 单项选择题 (chance ${percent(Number(a.chance))}, at most ${percent(Number(a.threshold))} wanted)`;
    case "absolute-wording-cue":
      return `absolute wording is in ${percent(Number(a.distractors))} of distractors but ${percent(Number(a.keyed))} of keyed options: it marks the wrong ones`;
    case "keyed-count-cue":
      return `${percent(Number(a.share))} of 多项选择题 have all or all but one option keyed (at most ${percent(Number(a.threshold))} wanted)`;
    case "answer-letter-balance":
      return `${a.letter} keys ${percent(Number(a.share))} of 单项选择题 (between ${percent(Number(a.low))} and ${percent(Number(a.high))} wanted)`;
    case "difficulty-follows-level":
      return `difficulty follows level (Cramér's V = ${a.v} > ${a.threshold}): the difficulty rule adds little to the level rule`;
  }
}

export function cueDiagnostic(w: CueWarning, strict: boolean): Diagnostic {
  return { code: w.code, severity: strict ? "error" : "warning", message: describeCueWarning(w), args: w.args };
}

/** The cue statistics as a short block of text. */
export function formatCueStatistics(s: CueStatistics, style: Style): string {
  const { singleChoice: sc, absoluteWording: aw, multipleChoice: mc, levelDifficulty: ld } = s;
  const rate = (r: { with: number; total: number }) => `${r.with}/${r.total} (${percent(r.total ? r.with / r.total : 0)})`;
  const counts = Object.keys(mc.keyedCounts).sort().map((k) => `${k}: ${mc.keyedCounts[k]}`).join(", ");
  const letters = Object.keys(sc.letters).sort().map((l) => `${l} ${sc.letters[l]}`).join(", ");
  const lines = [
    style.color.bold("cue statistics"),
    `  单项选择题 (${sc.questions}): "pick the longest" scores ${percent(sc.longestPick)}, chance ${percent(sc.chance)} (warn above ${percent(CUE_THRESHOLDS.longestPick)}); keys by letter: ${letters}`,
    `  absolute wording: keyed options ${rate(aw.keyed)}, distractors ${rate(aw.distractors)}`,
    `  多项选择题 (${mc.questions}): keyed counts ${counts || "none"}; all or all but one keyed ${percent(mc.nearlyAllKeyed)} (warn above ${percent(CUE_THRESHOLDS.nearlyAllKeyed)})`,
    `  level × difficulty (${ld.parts} graded parts): Cramér's V = ${ld.cramersV} (warn above ${CUE_THRESHOLDS.cramersV})`,
  ];
  return lines.join("\n");
}
