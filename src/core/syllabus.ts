import { z } from "zod";
import type { SyllabusProblem } from "./findings.js";
import { LIMITS, wholeIn } from "./limits.js";
import { knowledgePointIdSchema } from "./question.js";
import { buildCatalogue, questionTypesSchema, type Catalogue } from "./question-types.js";
import { gradeNameSchema, type Difficulty, type Level, type Tier } from "./vocabulary.js";

const knowledgePointSchema = z.strictObject({
  /** Free text, unique in the syllabus: "3.10" stays "3.10"; ids need not be "<chapter>.<index>". */
  id: knowledgePointIdSchema,
  title: z.string().min(1),
});

const sectionSchema = z.strictObject({
  title: z.string().min(1),
  topics: z.array(z.string().min(1)).default([]),
});

/** A declared grade: its name, or its name and other spellings read as it (an English alias, say). */
const gradeSchema = z
  .union([gradeNameSchema, z.strictObject({ name: gradeNameSchema, aliases: z.array(gradeNameSchema).default([]) })])
  .transform((g) => (typeof g === "string" ? { name: g, aliases: [] as string[] } : g));
export type DeclaredGrade = z.output<typeof gradeSchema>;

const chapterSchema = z.strictObject({
  number: wholeIn(1, LIMITS.chapter),
  title: z.string().min(1),
  tier: gradeNameSchema,
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
   * The grades this course uses, in order (levels lowest first, difficulties easiest first), each a name
   * or { name, aliases }. Blueprint shares name exactly these, and the tables print exactly these columns.
   */
  levels: z.array(gradeSchema).min(1),
  difficulties: z.array(gradeSchema).min(1),
  /** The chapter tiers, most stressed first, each with its printed label and other spellings. */
  tiers: z.record(gradeNameSchema, z.strictObject({ label: z.string(), aliases: z.array(gradeNameSchema).default([]) })),
  chapters: z.array(chapterSchema).min(1),
});

export type SyllabusInput = z.input<typeof syllabusSchema>;
export type Syllabus = z.output<typeof syllabusSchema>;
/** The three declared lists, as the syllabus file names them. */
export type DeclaredList = "levels" | "difficulties" | "tiers";
export type Chapter = Syllabus["chapters"][number];
export type KnowledgePoint = Chapter["knowledge_points"][number];

/** Looks up chapters and knowledge points by id; built once per syllabus. */
export interface SyllabusIndex {
  syllabus: Syllabus;
  chapter(number: number): Chapter | undefined;
  knowledgePoint(id: string): (KnowledgePoint & { chapter: number }) | undefined;
  /** A chapter's tier, by its declared name. */
  tierOf(chapter: number): Tier | undefined;
  knowledgePoints: (KnowledgePoint & { chapter: number })[];
  /** The declared grades and tiers, by name, in order. */
  levels: readonly Level[];
  difficulties: readonly Difficulty[];
  tiers: readonly Tier[];
  /** Every spelling of a declared grade or tier (its name and its aliases), read as its name. */
  spellings: Readonly<Record<DeclaredList, ReadonlyMap<string, string>>>;
  /** The declared question types, by name or alias. */
  types: Catalogue;
}

/** Each declared entry of a list: its name and its aliases, in the order written. */
export function declaredEntries(syllabus: Syllabus, list: DeclaredList): { name: string; aliases: readonly string[] }[] {
  if (list === "tiers") return Object.entries(syllabus.tiers).map(([name, tier]) => ({ name, aliases: tier.aliases }));
  return syllabus[list];
}

/** Name and aliases to name; where a spelling is taken twice, the first wins (syllabusProblems says so). */
function spellingsOf(entries: readonly { name: string; aliases: readonly string[] }[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const { name } of entries) if (!map.has(name)) map.set(name, name);
  for (const { name, aliases } of entries) for (const alias of aliases) if (!map.has(alias)) map.set(alias, name);
  return map;
}

export function indexSyllabus(syllabus: Syllabus): SyllabusIndex {
  const spellings = {
    levels: spellingsOf(declaredEntries(syllabus, "levels")),
    difficulties: spellingsOf(declaredEntries(syllabus, "difficulties")),
    tiers: spellingsOf(declaredEntries(syllabus, "tiers")),
  };
  const named = (list: DeclaredList, value: string) => declaredName({ spellings }, list, value);
  // Chapter tiers and requirement levels may be written by an alias; from here on they are names.
  const chapterList = syllabus.chapters.map((c) => ({
    ...c,
    tier: named("tiers", c.tier),
    requirements: Object.fromEntries(Object.entries(c.requirements).map(([level, text]) => [named("levels", level), text])),
  }));
  const normalised: Syllabus = { ...syllabus, chapters: chapterList };
  const chapters = new Map(chapterList.map((c) => [c.number, c]));
  const points = chapterList.flatMap((c) => c.knowledge_points.map((kp) => ({ ...kp, chapter: c.number })));
  const byId = new Map(points.map((kp) => [kp.id, kp]));
  const unique = (names: readonly string[]) => names.filter((n, i) => names.indexOf(n) === i);
  return {
    syllabus: normalised,
    chapter: (n) => chapters.get(n),
    knowledgePoint: (id) => byId.get(id),
    tierOf: (n) => chapters.get(n)?.tier,
    knowledgePoints: points,
    levels: unique(syllabus.levels.map((g) => g.name)),
    difficulties: unique(syllabus.difficulties.map((g) => g.name)),
    tiers: Object.keys(syllabus.tiers),
    spellings,
    types: buildCatalogue(syllabus.question_types),
  };
}

/** A grade or tier as written, read as its declared name; a name not declared stays as written. */
export function declaredName(syllabus: Pick<SyllabusIndex, "spellings">, list: DeclaredList, written: string): string {
  return syllabus.spellings[list].get(written) ?? written;
}

/** A spelling (name or alias) declared twice in a list: the name or alias written second. */
function spellingProblems(syllabus: Syllabus, list: DeclaredList): SyllabusProblem[] {
  const problems: SyllabusProblem[] = [];
  const owner = new Map<string, string>();
  for (const { name } of declaredEntries(syllabus, list)) {
    if (owner.has(name)) problems.push({ problem: "grade-twice", list, name });
    else owner.set(name, name);
  }
  for (const { name, aliases } of declaredEntries(syllabus, list)) {
    for (const alias of aliases) {
      const taken = owner.get(alias);
      if (taken !== undefined) problems.push({ problem: "alias-taken", list, alias, grade: name, taken });
      else owner.set(alias, name);
    }
  }
  return problems;
}

/** Cross-field rules of a syllabus: grades and tiers spelt once, chapter numbers and knowledge-point ids unique, levels and tiers declared. */
export function syllabusProblems(syllabus: Syllabus): SyllabusProblem[] {
  const problems: SyllabusProblem[] = (["levels", "difficulties", "tiers"] as const).flatMap((list) => spellingProblems(syllabus, list));
  const index = indexSyllabus(syllabus);
  const seenChapters = new Set<number>();
  const seenPoints = new Set<string>();
  for (const chapter of index.syllabus.chapters) {
    if (seenChapters.has(chapter.number)) problems.push({ problem: "chapter-twice", chapter: chapter.number });
    if (!index.tiers.includes(chapter.tier)) problems.push({ problem: "undeclared-tier", chapter: chapter.number, tier: chapter.tier, tiers: [...index.tiers] });
    seenChapters.add(chapter.number);
    for (const kp of chapter.knowledge_points) {
      if (seenPoints.has(kp.id)) problems.push({ problem: "point-twice", id: kp.id });
      seenPoints.add(kp.id);
    }
    for (const level of Object.keys(chapter.requirements)) {
      if (!index.levels.includes(level)) problems.push({ problem: "unknown-level", chapter: chapter.number, level, levels: [...index.levels] });
    }
  }
  return problems;
}

export type { Level };
