// Every string the renderer prints that does not come from the paper, the blueprint or the syllabus.
// Kept in one place so that the glyph check sees them all and wording is easy to change.
import { type Blueprint, type BlueprintSection } from "../../core/blueprint.js";
import { sectionAt } from "../../core/sections.js";
import type { PaperSection } from "../../core/paper.js";
import type { FillBlank, Question } from "../../core/question.js";
import type { SpecTable } from "../../core/spec.js";
import type { SyllabusIndex } from "../../core/syllabus.js";
import { chineseNumeral } from "../../core/vocabulary.js";

export const LABELS = {
  courseCode: (code: string) => `（课程代码 ${code}）`,
  formLabel: (form: string) => (form.endsWith("卷") ? form : `${form}卷`),
  fullMarks: (points: number, minutes: number) => `本试卷满分${fmt(points)}分，考试时间${minutes}分钟。`,
  noticesTitle: "考生答题注意事项：",
  scoreHeader: ["题号", "总分"] as const,
  scoreRows: ["得分", "评卷人"] as const,
  footer: (code: string, title: string, page: number, pages: number) => `${code}# ${title} 第${page}页（共${pages}页）`,
  pleaseAnswer: "请回答：",
  /** A true-false key and the two bubbles of its 答题卡 row: true, false. */
  truthMarks: ["√", "×"] as const,
  /** Before the other answers accepted for a blank in the answer key. */
  alsoAccepted: "（也可答：",
  alsoAcceptedEnd: "）",
  points: (points: number) => `（${fmt(points)}分）`,
  sub: (n: number) => `（${n}）`,
  /** Third level of numbering (items inside a case's sub-answer): ① ② … */
  circled: (n: number) => (n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : n <= 35 ? String.fromCodePoint(0x3251 + n - 21) : `[${n}]`),
  headingJoin: "：",
  number: (n: number) => `${n}.`,
  answersTitle: (course: string) => `${course}试题参考答案及评分标准`,
  answerGrid: ["题号", "答案"] as const,
  markingTitle: "评分要点：",
  closing: "答案要点正确、表述不同者酌情给分。",
  specTitle: (title: string) => `${title}双向细目表`,
  specLevelsCaption: "一、考核内容与能力层次分值分布（分）",
  specDifficultyCaption: "二、难度分布（分）",
  specChartCaption: "三、目标与实际对照",
  specItemsCaption: "四、试题细目",
  chapterColumns: ["章", "章名", "层级"] as const,
  sum: "合计",
  share: "比例",
  target: "目标",
  actual: "实际",
  difficulty: "难度",
  itemColumns: ["题号", "题型", "章", "知识点", "能力层次", "难度", "分值", "预计时间（分钟）"] as const,
  chapterNumber: (n: number) => `第${chineseNumeral(n)}章`,
  minutesTotal: (minutes: number) => `预计答题时间 ${fmt(minutes)} 分钟`,
  separator: "、",
  summary: (count: number, pointsEach: number) =>
    count === 1 ? `本题${fmt(pointsEach)}分。` : `本大题共${count}小题，每小题${fmt(pointsEach)}分，共${fmt(count * pointsEach)}分。`,
} as const;

/** Characters the formatters above add to data: digits, units and punctuation. */
export const FORMAT_CHARACTERS = "0123456789.%#()、:,。（）：，[]";

const OPTION_LETTERS = "ABCDEFGH";

/** A. B. C. … for the options of a choice question. */
export function optionLabel(index: number): string {
  return `${OPTION_LETTERS[index] ?? "?"}.`;
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, "");
}

/** Every fixed label with sample data, for the glyph check (the data itself is checked separately). */
export function labelTexts(): string[] {
  const constants = Object.values(LABELS).flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? [...(v as string[])] : []));
  const L = LABELS;
  return [
    FORMAT_CHARACTERS,
    ...constants,
    L.courseCode(""), L.formLabel(""), L.fullMarks(1, 1), L.footer("", "", 1, 1), L.points(1), L.sub(1), L.number(1), ...Array.from({ length: 35 }, (_, i) => L.circled(i + 1)),
    L.answersTitle(""), L.specTitle(""), L.chapterNumber(10), L.chapterNumber(19), L.minutesTotal(1), L.summary(1, 1), L.summary(2, 1),
  ];
}

/** The part of a section heading after its name: the blueprint's instructions, unless the paper's section differs from the blueprint's. */
export function sectionInstructions(section: PaperSection, planned: BlueprintSection | undefined): string {
  const count = section.questions.length;
  const matches = planned !== undefined && planned.count === count && planned.points_each === section.points_each;
  if (matches && planned.instructions) return planned.instructions;
  return LABELS.summary(count, section.points_each);
}

/** The first sentence of the instructions (count and points), for the answer key. */
export function sectionSummary(section: PaperSection, planned: BlueprintSection | undefined): string {
  const full = sectionInstructions(section, planned);
  const end = full.indexOf("。");
  return end >= 0 ? full.slice(0, end + 1) : full;
}

/** 一、and the section's type as declared (the blueprint's section title if it has one). */
export function sectionName(index: number, section: PaperSection, planned: BlueprintSection | undefined): string {
  return `${chineseNumeral(index + 1)}、${planned?.title ?? section.type}`;
}

/** The blueprint's section for the paper's `index`-th section: by position (several may share a type). */
export function plannedSection(blueprint: Blueprint, section: PaperSection, index: number): BlueprintSection | undefined {
  return sectionAt(blueprint, index, section.type)?.section;
}

/**
 * One numbering scheme per level of the answer key: 21. the question, （1） its items (a case's
 * sub-questions, or the points of another answer), ① the items inside a case's sub-answer.
 */
export function itemLabel(level: 2 | 3, n: number): string {
  return level === 2 ? LABELS.sub(n) : LABELS.circled(n);
}

/** A reference answer with its own item numbers, （1） or (1) at a line start, printed at the given level. */
export function renumberAnswer(answer: string, level: 2 | 3): string {
  return answer.replace(/^(\s*)[（(](\d{1,2})[）)]\s*/gm, (_, space: string, n: string) => `${space}${itemLabel(level, Number(n))}`);
}

/** One row of the 双向细目表's question list, as the PDF and the Word document both print it. */
export function specItemCells(item: SpecTable["items"][number], syllabus: SyllabusIndex): (string | { text: string; align: "left" })[] {
  return [
    String(item.number),
    item.type,
    LABELS.chapterNumber(item.chapter),
    { text: item.knowledgePoints.map((kp) => `${kp} ${syllabus.knowledgePoint(kp)?.title ?? ""}`.trim()).join(LABELS.separator), align: "left" },
    item.levels.join(LABELS.separator),
    item.difficulties.join(LABELS.separator),
    fmt(item.points),
    fmt(item.minutes),
  ];
}

/** The key printed in the answer grid of a machine-marked question (choice letters, √ or ×), else undefined. */
export function objectiveKey(q: Question): string | undefined {
  if (q.kind === "single-choice" || q.kind === "multiple-choice") return q.answer;
  if (q.kind === "true-false") return LABELS.truthMarks[q.answer ? 0 : 1];
  return undefined;
}

/** A fill-blank question's answers, one line per blank: （1）答案（也可答：…）. */
export function blankAnswerLines(q: FillBlank): string[] {
  return q.answer.map((answer, i) => {
    const others = q.accept?.[i] ?? [];
    const also = others.length ? `${LABELS.alsoAccepted}${others.join(LABELS.separator)}${LABELS.alsoAcceptedEnd}` : "";
    return `${LABELS.sub(i + 1)}${answer}${also}`;
  });
}
