import type { Blueprint } from "../blueprint.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { QuestionType } from "../question-types.js";
import type { Level, Tier } from "../vocabulary.js";

/**
 * What a chapter must offer so that papers can vary over it:
 * - every question type the blueprint could place in the chapter: a type whose points each fit within
 *   the most points a paper may give the chapter (rules.chapters: points_by_chapter, else points_by_tier;
 *   no maximum means every type). A 20-point case cannot sit in a 一般 chapter capped at 12, so such a
 *   chapter needs no case; a 10-point essay can, so it needs one, or no paper could ever ask it there.
 * - every cognitive level its 考核要求 names (the syllabus's `requirements`), counting case sub-questions.
 */
export interface ChapterNeeds {
  chapter: number;
  title: string;
  types: QuestionType[];
  /** Types the chapter need not offer, with why: the points each exceed the most the chapter (of its tier) takes. */
  typesExempt: { type: QuestionType; pointsEach: number; tier: Tier; max: number }[];
  levels: Level[];
}

export function chapterNeeds(blueprint: Blueprint, syllabus: SyllabusIndex): ChapterNeeds[] {
  const rules = blueprint.rules.chapters;
  return syllabus.syllabus.chapters.map((chapter) => {
    const range = rules.points_by_chapter[String(chapter.number)] ?? rules.points_by_tier[chapter.tier];
    const max = range?.max;
    const types: QuestionType[] = [];
    const typesExempt: ChapterNeeds["typesExempt"] = [];
    for (const section of blueprint.sections) {
      if (max !== undefined && section.points_each > max) {
        typesExempt.push({ type: section.type, pointsEach: section.points_each, tier: chapter.tier, max });
      } else if (!types.includes(section.type)) types.push(section.type);
    }
    // A type one of whose sections the chapter can offer is needed: its larger sections exempt nothing.
    const exempt = typesExempt.filter((e) => !types.includes(e.type));
    typesExempt.length = 0;
    typesExempt.push(...exempt.filter((e, i) => exempt.findIndex((x) => x.type === e.type) === i));
    const named = new Set(Object.keys(chapter.requirements));
    return { chapter: chapter.number, title: chapter.title, types, typesExempt, levels: syllabus.levels.filter((l) => named.has(l)) };
  });
}
