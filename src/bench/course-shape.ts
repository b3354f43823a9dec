import { dirname } from "node:path";
import { loadSyllabus } from "../io/load-project.js";
import { DECLARED_COUNTS, ROLES, type Role } from "./profile.js";

/** The declared names the profile's positions stand for: levels lowest first, difficulties easiest first, tiers most stressed first. */
export interface DeclaredNames {
  levels: readonly string[];
  difficulties: readonly string[];
  tiers: readonly string[];
}

export interface ChapterShape {
  number: number;
  /** The position of the chapter's tier in the declared tiers. */
  tier: number;
  knowledgePoints: string[];
}

/** The syllabus's chapters, its declared grades and tiers, and the declared type name that plays each role of the profile. */
export interface CourseShape extends DeclaredNames {
  chapters: ChapterShape[];
  typeNames: Record<Role, string>;
}

/**
 * Chapters, tiers and knowledge-point ids of a syllabus file, its declared lists, and its type names:
 * each role of the profile is the declared type that has the role as its name or alias (10421: single →
 * its single-choice type).
 */
export function syllabusShape(file: string): CourseShape {
  const { syllabus } = loadSyllabus(file, dirname(file));
  if (!syllabus) throw new Error(`${file} does not load as a syllabus (zujuan lint tells why)`);
  const { levels, difficulties, tiers } = syllabus;
  for (const [list, count] of Object.entries(DECLARED_COUNTS)) {
    if (syllabus[list as keyof typeof DECLARED_COUNTS].length < count) throw new Error(`${file}: the bench profile needs ${count} declared ${list}`);
  }
  const typeNames = Object.fromEntries(
    ROLES.map((role) => {
      const found = syllabus.types.lookup(role);
      if (!found) throw new Error(`${file}: no question type declares the alias ${role}`);
      return [role, found.name];
    }),
  ) as Record<Role, string>;
  const chapters = syllabus.syllabus.chapters.map((c) => ({
    number: c.number,
    tier: tiers.indexOf(c.tier),
    knowledgePoints: c.knowledge_points.map((kp) => String(kp.id)),
  }));
  return { chapters, typeNames, levels, difficulties, tiers };
}
