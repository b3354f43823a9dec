import { z } from "zod";
import type { BlueprintProblem } from "./findings.js";
import { LIMITS, matching, nonnegativeUpTo, positiveUpTo, wholeIn } from "./limits.js";
import { resolveShare, shareSchema, type PaperSize, type ShareBound } from "./share.js";
import { declaredName, type DeclaredList, type SyllabusIndex } from "./syllabus.js";
import { optionRangeSchema, type OptionRange, type TypeInfo } from "./question-types.js";

/**
 * A map keyed by grade or tier names as written. Which names exist, and which aliases read as them, is
 * the syllabus's to say: declaredBlueprint reads the keys as declared names once both are loaded.
 */
const byName = <V extends z.ZodTypeAny>(value: V) => z.record(z.string(), value).transform((r): Partial<Record<string, z.output<V>>> => r);

const range = z.strictObject({ min: nonnegativeUpTo(LIMITS.paperPoints).optional(), max: nonnegativeUpTo(LIMITS.paperPoints).optional() });
export type Range = z.output<typeof range>;

/** A type's name or alias; the syllabus declares which exist (withDeclaredTypes). */
const typeName = matching(z.string(), "name");

const sectionSchema = z.strictObject({
  type: typeName,
  /** Tells apart sections that share a type, in messages (default: the section's position). */
  id: z.string().min(1).optional(),
  count: wholeIn(1, LIMITS.sectionCount),
  points_each: positiveUpTo(LIMITS.questionPoints),
  minutes_each: positiveUpTo(LIMITS.questionMinutes),
  instructions: z.string().optional(),
  title: z.string().optional(),
});

// Which keys a blueprint needs is the syllabus's to say (its declared grades): blueprintSyllabusProblems.
const sharesSchema = () =>
  z.strictObject({
    shares: byName(nonnegativeUpTo(LIMITS.percent)),
    tolerance_points: nonnegativeUpTo(LIMITS.percent).default(0),
  });

/** Where candidates write: on a separate 答题卡 (the 自学考试 way) or on the paper itself. */
export const ANSWER_MODES = ["sheet", "in-paper"] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];
export const PAGE_SIZES = ["A4", "A3", "B4"] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** A printed text that is the same in both answer modes, or one per mode. */
const perMode = <T extends z.ZodTypeAny>(inner: T) => z.union([inner, z.strictObject({ sheet: inner, "in-paper": inner })]);

const partSchema = z.strictObject({
  title: z.string(),
  notice: perMode(z.string()).optional(),
  sections: z.array(typeName).min(1),
});

// What the 答题卡 prints besides the paper's numbering; every string is data, as wording varies by office.
const answerSheetSchema = z.strictObject({
  title: z.string().default("答题卡"),
  notices_title: z.string().default("注意事项"),
  notices: z
    .array(z.string())
    .default([
      "答题前，考生务必将自己的姓名、准考证号用黑色字迹的签字笔或钢笔填写在本答题卡规定的位置上，并用2B铅笔将准考证号对应的数字涂黑。",
      "选择题用2B铅笔把对应题目的答案标号涂黑；如需改动，用橡皮擦干净后，再选涂其他答案标号。",
      "非选择题用0.5毫米黑色字迹的签字笔作答，在各题目的答题区域内作答，超出答题区域书写的答案无效。",
      "保持答题卡清洁、完整，不要折叠、弄破。",
    ]),
  frame_notice: z.string().default("请在各题目的答题区域内作答，超出黑色矩形边框限定区域的答案无效"),
  name_label: z.string().default("姓名"),
  number_label: z.string().default("准考证号"),
  number_digits: wholeIn(4, 16).default(12),
  choice_title: z.string().default("选择题"),
  written_title: z.string().default("非选择题"),
  /** Height of a written answer frame per point, in text lines, and the least. */
  lines_per_point: positiveUpTo(10).default(1),
  min_lines: wholeIn(1, 40).default(3),
});
const ANSWER_SHEET_DEFAULTS = answerSheetSchema.parse({});
export type AnswerSheetSettings = z.output<typeof answerSheetSchema>;

// The 密封线 strip of a landscape two-column paper in in-paper mode.
const sealSchema = z.strictObject({
  fields: z.array(z.string()).default(["姓名", "准考证号"]),
  line: z.string().default("密封线内不要答题"),
});
const SEAL_DEFAULTS = sealSchema.parse({});

// 试卷分析 (zujuan analyze): difficulty bands that turn an observed p into a grade, the pass mark and
// when a question is flagged. Each band is the lowest p of its grade, for every declared difficulty but
// the hardest (which takes the rest); without bands they are spread evenly (analysis/grade.ts).
const probability = z.number().min(0).max(1);
const analysisSchema = z.strictObject({
  difficulty_bands: byName(probability).optional(),
  /** Points needed to pass; default 60 % of paper.total_points. */
  pass_mark: z.number().nonnegative().optional(),
  /** Fewest candidates for `analyze --retag` to propose a new difficulty tag. */
  min_candidates_for_retag: z.number().int().positive().default(30),
  flag_p_range: z.strictObject({ min: probability, max: probability }).default({ min: 0.2, max: 0.9 }),
  min_discrimination: z.number().min(-1).max(1).default(0.2),
});
const ANALYSIS_DEFAULTS = analysisSchema.parse({});
export type AnalysisSettings = z.output<typeof analysisSchema>;

const pinId = matching(z.string(), "question-id");
/** A question every form must hold, or only the forms named (`{ id, forms: [A] }`). */
const includeSchema = z
  .union([pinId, z.strictObject({ id: pinId, forms: z.array(matching(z.string(), "form-letter")).min(1).optional() })])
  .transform((v): { id: string; forms?: string[] } => (typeof v === "string" || !v.forms ? { id: typeof v === "string" ? v : v.id } : { id: v.id, forms: v.forms }));
export type Include = z.output<typeof includeSchema>;

export type { OptionRange };

/** How many options a choice question of `type` may have: the blueprint's range, else the declaration's. */
export function optionCounts(blueprint: Pick<Blueprint, "question_types"> | undefined, type: TypeInfo): OptionRange {
  return blueprint?.question_types[type.name]?.options ?? type.options ?? { min: 2, max: LIMITS.choiceOptions };
}

/** Questions a percentage of a paper of `total` questions allows: rounded down, so "at most 10 %" holds. */
export function countOf(value: number | string, total: number): number {
  return resolveShare(value, { questions: total, points: 0 }).max;
}

export const blueprintSchema = z.strictObject({
  name: z.string().min(1),
  /** Questions pinned into the paper (setter's choice), and questions kept out of it. */
  include: z.array(includeSchema).default([]),
  exclude: z.array(pinId).default([]),
  syllabus: z.string().min(1),
  bank: z.string().min(1),
  paper: z.strictObject({
    exam: z.string().default(""),
    title: z.string().min(1),
    secrecy: z.string().optional(),
    minutes: positiveUpTo(LIMITS.paperMinutes),
    total_points: positiveUpTo(LIMITS.paperPoints),
    closed_book: z.boolean().default(true),
    answer_mode: z.enum(ANSWER_MODES).default("sheet"),
    /** A4 portrait, one column; A3 and B4 landscape, two columns. */
    page: z.enum(PAGE_SIZES).default("A4"),
    /** Prints the 题号/得分/评卷人 table; default: in in-paper mode only. */
    score_table: z.boolean().optional(),
    /** In-paper mode: lines of room to answer per point of a written question, and the least. */
    answer_space: z
      .strictObject({ lines_per_point: nonnegativeUpTo(10).default(1.2), min_lines: wholeIn(0, 60).default(3) })
      .default({ lines_per_point: 1.2, min_lines: 3 }),
    notices: perMode(z.array(z.string())).default([]),
    parts: z.array(partSchema).default([]),
    answer_sheet: answerSheetSchema.default(ANSWER_SHEET_DEFAULTS),
    seal: sealSchema.default(SEAL_DEFAULTS),
  }),
  sections: z.array(sectionSchema).min(1),
  /** Per choice type: how many options its questions have here, a range within the syllabus's declaration. */
  question_types: z.record(typeName, z.strictObject({ options: optionRangeSchema })).default({}),
  rules: z.strictObject({
    levels: sharesSchema(),
    difficulty: sharesSchema(),
    chapters: z
      .strictObject({
        min_questions_each: wholeIn(0, LIMITS.sectionCount).default(1),
        points_by_tier: byName(range).default({}),
        points_by_chapter: z.record(matching(z.string(), "chapter-number"), range).default({}),
        tier_totals: byName(range).default({}),
        /**
         * Key chapters stressed (the syllabus's 适当突出…章节): the average points per chapter of each
         * tier at least that of the next tier, plus the margin (true: a margin of 0).
         */
        tier_order: z
          .union([z.boolean(), z.strictObject({ margin: nonnegativeUpTo(LIMITS.paperPoints).default(0) })])
          .optional()
          .transform((v) => (v === true ? { margin: 0 } : v === false ? undefined : v)),
      })
      .default({ min_questions_each: 1, points_by_tier: {}, points_by_chapter: {}, tier_totals: {}, tier_order: undefined }),
    time: z.strictObject({ min: nonnegativeUpTo(LIMITS.paperMinutes).optional(), max: nonnegativeUpTo(LIMITS.paperMinutes).optional() }).default({}),
    knowledge_points: z.strictObject({ max_per_point: wholeIn(1, LIMITS.sectionCount).optional() }).default({}),
    history: z
      .strictObject({
        /** Questions of --avoid papers a paper may reuse: 3, "10%" of its questions, "10% points", "12 points". */
        max_reused: shareSchema.default(0),
        /** A question used in any of the last N recorded sittings (the bank's history file) is not used again. */
        not_within_sittings: wholeIn(1, LIMITS.papers).optional(),
        /** Exposure: a question used `times` times in the last `sittings` sittings is not used again. */
        max_uses: z.strictObject({ times: wholeIn(1, LIMITS.papers), sittings: wholeIn(1, LIMITS.papers) }).optional(),
      })
      .default({ max_reused: 0 }),
    /** Questions two forms may share (generate --max-overlap, when not given). */
    overlap: z.strictObject({ max_shared: shareSchema.optional() }).default({}),
  }),
  coverage: z
    .strictObject({
      min_questions_per_knowledge_point: wholeIn(0, LIMITS.questionsPerPoint).default(1),
      min_papers: wholeIn(0, LIMITS.papers).default(1),
    })
    .default({ min_questions_per_knowledge_point: 1, min_papers: 1 }),
  analysis: analysisSchema.default(ANALYSIS_DEFAULTS),
}).transform((b) => {
  // Shares become bounds in questions or points of this paper here, so every rule reads a number.
  const size = paperSize(b.sections);
  const overlap: { max_shared?: ShareBound } = {};
  if (b.rules.overlap.max_shared !== undefined) overlap.max_shared = resolveShare(b.rules.overlap.max_shared, size);
  return { ...b, rules: { ...b.rules, history: { ...b.rules.history, max_reused: resolveShare(b.rules.history.max_reused, size) }, overlap } };
});

/** A paper's questions and points, what percentages are of. */
export function paperSize(sections: readonly { count: number; points_each: number }[]): PaperSize {
  return { questions: sections.reduce((n, s) => n + s.count, 0), points: sections.reduce((n, s) => n + s.count * s.points_each, 0) };
}

export type BlueprintInput = z.input<typeof blueprintSchema>;
export type Blueprint = z.output<typeof blueprintSchema>;
export type BlueprintSection = Blueprint["sections"][number];

/** Named cross-field rules of a blueprint; each returns a problem or nothing. */
export const blueprintRules: { name: string; check: (b: Blueprint) => BlueprintProblem | undefined }[] = [
  {
    name: "section-points-add-up",
    check: (b) => {
      const sum = b.sections.reduce((s, x) => s + x.count * x.points_each, 0);
      return sum === b.paper.total_points ? undefined : { problem: "points-total", sum, total: b.paper.total_points };
    },
  },
  ...(["levels", "difficulty"] as const).map((dimension) => ({
    name: `${dimension}-shares-100`,
    check: (b: Blueprint): BlueprintProblem | undefined => {
      const shares = Object.values(b.rules[dimension].shares) as number[];
      const sum = shares.reduce((s, x) => s + x, 0);
      return Math.abs(sum - 100) < 1e-9 ? undefined : { problem: "shares-sum", dimension, sum };
    },
  })),
  {
    name: "time-range-ordered",
    check: (b) => {
      const { min, max } = b.rules.time;
      if (min !== undefined && max !== undefined && min > max) return { problem: "time-min-over-max", min, max };
      if (max !== undefined && max > b.paper.minutes) return { problem: "time-over-paper", max, minutes: b.paper.minutes };
      return undefined;
    },
  },
  {
    name: "option-counts-ordered",
    check: (b) => {
      const wrong = Object.entries(b.question_types).find(([, t]) => t.options.min > t.options.max);
      return wrong ? { problem: "option-range", type: wrong[0], min: wrong[1].options.min, max: wrong[1].options.max } : undefined;
    },
  },
  {
    // Ids tell sections apart in messages and rule names (section:<id>): two alike would be one.
    name: "section-ids-unique",
    check: (b) => {
      const ids = b.sections.flatMap((s) => (s.id === undefined ? [] : [s.id]));
      const twice = ids.find((id, i) => ids.indexOf(id) !== i);
      return twice === undefined ? undefined : { problem: "section-id-twice", id: twice };
    },
  },
  {
    name: "parts-name-sections",
    check: (b) => {
      const types = new Set(b.sections.map((s) => s.type));
      const unknown = b.paper.parts.flatMap((p) => p.sections).find((t) => !types.has(t));
      return unknown ? { problem: "part-without-section", type: unknown } : undefined;
    },
  },
  {
    name: "analysis-settings-ordered",
    check: (b) => {
      const { flag_p_range: range, pass_mark: pass } = b.analysis;
      if (range.min > range.max) return { problem: "p-range", min: range.min, max: range.max };
      if (pass !== undefined && pass > b.paper.total_points) return { problem: "pass-mark", pass, total: b.paper.total_points };
      return undefined;
    },
  },
];

export function blueprintProblems(blueprint: Blueprint): BlueprintProblem[] {
  return blueprintRules.flatMap((rule) => {
    const problem = rule.check(blueprint);
    return problem ? [problem] : [];
  });
}

/**
 * The blueprint against the grades and tiers its syllabus declares: a share for each declared level and
 * difficulty grade and for no other, tier ranges only for declared tiers, a difficulty band for each
 * declared grade but the hardest, falling from the easiest on. Keys are read as declared names first
 * (declaredBlueprint).
 */
export function blueprintSyllabusProblems(blueprint: Blueprint, syllabus: Pick<SyllabusIndex, "levels" | "difficulties" | "tiers">): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const shares: [string, readonly string[], Record<string, number | undefined>][] = [
    ["levels", syllabus.levels, blueprint.rules.levels.shares],
    ["difficulty", syllabus.difficulties, blueprint.rules.difficulty.shares],
  ];
  for (const [dimension, declared, given] of shares) {
    const missing = declared.filter((name) => given[name] === undefined);
    if (missing.length) problems.push({ problem: "shares-missing", dimension, missing, declared: [...declared] });
    const extra = Object.keys(given).filter((name) => !declared.includes(name));
    if (extra.length) problems.push({ problem: "shares-undeclared", dimension, extra, declared: [...declared] });
  }
  const { points_by_tier: byTier, tier_totals: totals } = blueprint.rules.chapters;
  const tiers = [...Object.keys(byTier), ...Object.keys(totals)].filter((t, i, all) => all.indexOf(t) === i && !syllabus.tiers.includes(t as never));
  if (tiers.length) problems.push({ problem: "tiers-undeclared", tiers, declared: [...syllabus.tiers] });
  problems.push(...bandProblems(blueprint.analysis.difficulty_bands, syllabus.difficulties));
  return problems;
}

/** The bands name every declared difficulty but the hardest, and fall from the easiest on. */
function bandProblems(bands: Partial<Record<string, number>> | undefined, difficulties: readonly string[]): BlueprintProblem[] {
  if (bands === undefined) return [];
  const expected = difficulties.slice(0, -1);
  const extra = Object.keys(bands).filter((name) => !expected.includes(name));
  if (extra.length) return [{ problem: "bands-undeclared", extra, expected }];
  const missing = expected.filter((name) => bands[name] === undefined);
  if (missing.length) return [{ problem: "bands-missing", missing, expected }];
  const values = expected.map((name) => bands[name]!);
  return values.every((v, i) => i === 0 || v < values[i - 1]!) ? [] : [{ problem: "bands-order", grades: expected, bands: values }];
}

/** The blueprint's maps keyed by grade or tier names, with the declared list each key is read against. */
const NAMED_MAPS: { path: string[]; list: DeclaredList }[] = [
  { path: ["rules", "levels", "shares"], list: "levels" },
  { path: ["rules", "difficulty", "shares"], list: "difficulties" },
  { path: ["rules", "chapters", "points_by_tier"], list: "tiers" },
  { path: ["rules", "chapters", "tier_totals"], list: "tiers" },
  { path: ["analysis", "difficulty_bands"], list: "difficulties" },
];

function getIn(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
}

function setIn<T>(root: T, path: readonly string[], value: unknown): T {
  const [key, ...rest] = path;
  if (key === undefined) return value as T;
  const node = root as Record<string, unknown>;
  return { ...node, [key]: setIn(node[key], rest, value) } as T;
}

/**
 * Normalise stage against the syllabus: every grade or tier key of the blueprint read as its declared
 * name (an alias becomes the name; an undeclared name stays, for blueprintSyllabusProblems to name),
 * then the blueprint checked against the declared lists.
 */
export function declaredBlueprint(blueprint: Blueprint, syllabus: Pick<SyllabusIndex, "levels" | "difficulties" | "tiers" | "spellings">): { blueprint: Blueprint; problems: BlueprintProblem[] } {
  const problems: BlueprintProblem[] = [];
  let named = blueprint;
  for (const { path, list } of NAMED_MAPS) {
    const map = getIn(blueprint, path) as Record<string, unknown> | undefined;
    if (map === undefined) continue;
    // A Map, then fromEntries: a key "__proto__" stays a key.
    const out = new Map<string, unknown>();
    const spelt = new Map<string, string[]>();
    for (const [key, value] of Object.entries(map)) {
      const name = declaredName(syllabus, list, key);
      spelt.set(name, [...(spelt.get(name) ?? []), key]);
      if (!out.has(name)) out.set(name, value);
    }
    for (const [name, spellings] of spelt) if (spellings.length > 1) problems.push({ problem: "named-twice", map: path.join("."), name, spellings });
    named = setIn(named, path, Object.fromEntries(out));
  }
  return { blueprint: named, problems: [...problems, ...blueprintSyllabusProblems(named, syllabus)] };
}
