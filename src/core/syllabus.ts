import { z } from "zod";
import type { SyllabusProblem } from "./findings.js";
import { LIMITS, wholeIn } from "./limits.js";
import { knowledgePointIdSchema } from "./question.js";
import { buildCatalogue, questionTypesSchema, type Catalogue } from "./question-types.js";
import { DIFFICULTIES, LEVELS, TIERS, difficultySchema, levelSchema, tierSchema, type Difficulty, type Level, type Tier } from "./vocabulary.js";

const knowledgePointSchema = z.strictObject({
  /** Free text, unique in the syllabus: "3.10" stays "3.10"; ids need not be "<chapter>.<index>". */
  id: knowledgePointIdSchema,
  title: z.string().min(1),
});

const sectionSchema = z.strictObject({
  title: z.string().min(1),
  topics: z.array(z.string().min(1)).default([]),
});

const chapterSchema = z.strictObject({
  number: wholeIn(1, LIMITS.chapter),
  title: z.string().min(1),
  tier: tierSchema,
  sections: z.array(sectionSchema).default([]),
  knowledge_points: z.array(knowledgePointSchema).min(1),
  requirements: z.record(z.string(), z.string()).default({}),
});

export const syllabusSchema = z.strictObject({
  course: z.strictObject({
    code: z.coerce.string(),
    name: z.string().min(1),
    exam: z.string().optional(),
    textbook: z.string().optional(),
  }),
  /** The course's question types, in printed order, each of a kind the code knows (question-types.ts). */
  question_types: questionTypesSchema,
  /**
   * The grades this course uses, in order (default: the four levels and four difficulty grades of
   * 10421). Blueprint shares name exactly these, and the tables print exactly these columns.
   */
  levels: z.array(levelSchema).min(1).optional(),
  difficulties: z.array(difficultySchema).min(1).optional(),
  /** The chapter tiers, most stressed first (default 重点, 次重点, 一般), each with its printed label. */
  tiers: z.record(z.string(), z.strictObject({ label: z.string() })).optional(),
  chapters: z.array(chapterSchema).min(1),
});

export type SyllabusInput = z.input<typeof syllabusSchema>;
export type Syllabus = z.output<typeof syllabusSchema>;
export type Chapter = Syllabus["chapters"][number];
export type KnowledgePoint = Chapter["knowledge_points"][number];

/** Looks up chapters and knowledge points by id; built once per syllabus. */
export interface SyllabusIndex {
  syllabus: Syllabus;
  chapter(number: number): Chapter | undefined;
  knowledgePoint(id: string): (KnowledgePoint & { chapter: number }) | undefined;
  tierOf(chapter: number): Tier | undefined;
  knowledgePoints: (KnowledgePoint & { chapter: number })[];
  /** The declared grades and tiers, in order. */
  levels: readonly Level[];
  difficulties: readonly Difficulty[];
  tiers: readonly Tier[];
  /** The declared question types, by name or alias. */
  types: Catalogue;
}

/** The tiers a syllabus declares (aliases read as their names; unknown names left to syllabusProblems). */
function declaredTiers(syllabus: Syllabus): readonly Tier[] {
  if (!syllabus.tiers) return TIERS;
  return Object.keys(syllabus.tiers).flatMap((name) => {
    const tier = tierSchema.safeParse(name);
    return tier.success ? [tier.data] : [];
  });
}

export function indexSyllabus(syllabus: Syllabus): SyllabusIndex {
  const chapters = new Map(syllabus.chapters.map((c) => [c.number, c]));
  const points = syllabus.chapters.flatMap((c) => c.knowledge_points.map((kp) => ({ ...kp, chapter: c.number })));
  const byId = new Map(points.map((kp) => [kp.id, kp]));
  return {
    syllabus,
    chapter: (n) => chapters.get(n),
    knowledgePoint: (id) => byId.get(id),
    tierOf: (n) => chapters.get(n)?.tier,
    knowledgePoints: points,
    levels: syllabus.levels ?? LEVELS,
    difficulties: syllabus.difficulties ?? DIFFICULTIES,
    tiers: declaredTiers(syllabus),
    types: buildCatalogue(syllabus.question_types),
  };
}

/** Cross-field rules of a syllabus: chapter numbers and knowledge-point ids unique, levels and tiers declared. */
export function syllabusProblems(syllabus: Syllabus): SyllabusProblem[] {
  const problems: SyllabusProblem[] = [];
  const lists: ["levels" | "difficulties", readonly string[] | undefined][] = [["levels", syllabus.levels], ["difficulties", syllabus.difficulties]];
  for (const [key, list] of lists) {
    const twice = list?.find((name, i) => list.indexOf(name) !== i);
    if (twice) problems.push({ problem: "grade-twice", list: key, name: twice });
  }
  const tiers = declaredTiers(syllabus);
  const levels = syllabus.levels ?? LEVELS;
  const seenChapters = new Set<number>();
  const seenPoints = new Set<string>();
  for (const chapter of syllabus.chapters) {
    if (seenChapters.has(chapter.number)) problems.push({ problem: "chapter-twice", chapter: chapter.number });
    if (!tiers.includes(chapter.tier)) problems.push({ problem: "undeclared-tier", chapter: chapter.number, tier: chapter.tier, tiers: [...tiers] });
    seenChapters.add(chapter.number);
    for (const kp of chapter.knowledge_points) {
      if (seenPoints.has(kp.id)) problems.push({ problem: "point-twice", id: kp.id });
      seenPoints.add(kp.id);
    }
    for (const level of Object.keys(chapter.requirements)) {
      const known = levelSchema.safeParse(level);
      if (!known.success || !levels.includes(known.data)) {
        problems.push({ problem: "unknown-level", chapter: chapter.number, level, levels: [...levels] });
      }
    }
  }
  return problems;
}

export type { Level };
