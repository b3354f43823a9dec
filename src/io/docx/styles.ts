// Word styles of the three documents: every question, option and heading takes its look from a named
// style, so that a setter who changes the style in Word changes every paragraph that uses it.
import { AlignmentType, type IParagraphStyleOptions, type IStylesOptions } from "docx";

/** Font sizes by their Chinese names (号), in points. */
export const HAO = { 二号: 22, 小二: 18, 三号: 16, 小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9 } as const;

const LATIN = "Times New Roman";
/** 宋体 for body text, 黑体 for headings: East-Asian fonts, with a Latin face for letters and digits. */
// The eastAsia hint makes Word and WPS draw characters both scripts share (“” ‘’ …) in the Chinese face.
export const SONG = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: "宋体", hint: "eastAsia" as const };
export const HEI = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: "黑体", hint: "eastAsia" as const };

/** Half-points, as Word stores sizes. */
export const halfPoints = (pt: number) => Math.round(pt * 2);
/** Twentieths of a point (twips), as Word stores lengths. */
export const twips = (pt: number) => Math.round(pt * 20);

/** Body size in points: 小四. */
export const BODY_PT = HAO.小四;
/** 1.5 line spacing, in Word's 240ths of a line. */
const ONE_AND_HALF = 360;
/** Width of the question number column ("35."), in twips: two characters of the body size. */
export const NUMBER_INDENT = twips(2 * BODY_PT);
/** First-line indent of running text (case material): two characters. */
export const PARAGRAPH_INDENT = twips(2 * BODY_PT);

/** Style ids used by the builders; the names are what Word shows in its style gallery. */
export const STYLE = {
  body: "Normal",
  exam: "ExamName",
  courseCode: "CourseCode",
  topLine: "TopLine",
  fullMarks: "FullMarks",
  notice: "Notice",
  partNotice: "PartNotice",
  question: "Question",
  option: "Option",
  material: "Material",
  subquestion: "Subquestion",
  answer: "Answer",
  marking: "Marking",
  tableText: "TableText",
  footer: "PageFooter",
} as const;

function style(id: string, name: string, options: Omit<IParagraphStyleOptions, "id" | "name">): IParagraphStyleOptions {
  return { id, name, basedOn: "Normal", next: "Normal", quickFormat: true, ...options };
}

const hanging = (left: number) => ({ left, hanging: left });

const paragraphStyles: IParagraphStyleOptions[] = [
  style(STYLE.exam, "Exam Name", { run: { font: HEI, size: halfPoints(HAO.小三) }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: twips(4) } } }),
  style(STYLE.courseCode, "Course Code", { paragraph: { alignment: AlignmentType.CENTER, spacing: { after: twips(6) } } }),
  style(STYLE.topLine, "Top Line", { run: { size: halfPoints(HAO.小五) } }),
  style(STYLE.fullMarks, "Full Marks", { paragraph: { alignment: AlignmentType.CENTER, spacing: { after: twips(6) } } }),
  style(STYLE.notice, "Notice", { paragraph: { indent: { left: twips(2 * BODY_PT) + NUMBER_INDENT, hanging: NUMBER_INDENT } } }),
  style(STYLE.partNotice, "Part Notice", { paragraph: { indent: { firstLine: PARAGRAPH_INDENT }, spacing: { after: twips(4) } } }),
  style(STYLE.question, "Question", { next: STYLE.option, paragraph: { indent: hanging(NUMBER_INDENT), spacing: { before: twips(3) } } }),
  style(STYLE.option, "Option", { basedOn: "Normal", paragraph: { indent: { left: NUMBER_INDENT } } }),
  style(STYLE.material, "Case Material", { paragraph: { indent: { left: NUMBER_INDENT, firstLine: PARAGRAPH_INDENT } } }),
  style(STYLE.subquestion, "Subquestion", { paragraph: { indent: { left: NUMBER_INDENT + twips(2.5 * BODY_PT), hanging: twips(2.5 * BODY_PT) } } }),
  style(STYLE.answer, "Answer", { paragraph: { indent: { left: NUMBER_INDENT } } }),
  style(STYLE.marking, "Marking Point", { paragraph: { indent: { left: NUMBER_INDENT + twips(BODY_PT) + twips(2.5 * BODY_PT), hanging: twips(2.5 * BODY_PT) } } }),
  style(STYLE.tableText, "Table Text", { run: { size: halfPoints(HAO.五号) }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, before: twips(1), after: twips(1) } } }),
  style(STYLE.footer, "Page Footer", { run: { size: halfPoints(HAO.小五) }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240 } } }),
];

export const STYLES: IStylesOptions = {
  default: {
    document: {
      // zh-CN for Chinese text: Word's and WPS's Chinese line breaking, punctuation and proofing.
      run: { font: SONG, size: halfPoints(BODY_PT), language: { value: "en-US", eastAsia: "zh-CN" } },
      paragraph: { spacing: { line: ONE_AND_HALF, before: 0, after: 0 } },
    },
    title: { run: { font: HEI, size: halfPoints(HAO.三号), bold: false, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: twips(4), after: twips(2) } } },
    // Parts (第一部分 选择题): Heading 1; sections (一、and the type:…): Heading 2.
    heading1: { run: { font: HEI, size: halfPoints(HAO.四号), bold: false, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, keepNext: true, outlineLevel: 0, spacing: { before: twips(12), after: twips(4) } } },
    heading2: { run: { font: HEI, size: halfPoints(HAO.小四), bold: false, color: "000000" }, paragraph: { keepNext: true, outlineLevel: 1, spacing: { before: twips(8), after: twips(4) } } },
  },
  paragraphStyles,
};
