import type { Blueprint } from "./blueprint.js";
import type { BlueprintProblem, SyllabusProblem } from "./findings.js";
import { declaredEntries, type Syllabus } from "./syllabus.js";

type Path = (string | number)[];

/**
 * Where in the syllabus file a problem with its declared grades, tiers and chapters is, for its line and
 * column; [] (the file) for the rest. Paths are the document's, which the schema keeps (a grade written
 * as a bare name is still entry i of its list).
 */
export function syllabusProblemPath(problem: SyllabusProblem, syllabus: Syllabus): Path {
  const chapterIndex = (number: number, nth = 0) => syllabus.chapters.map((c, i) => (c.number === number ? i : -1)).filter((i) => i >= 0)[nth] ?? -1;
  switch (problem.problem) {
    case "grade-twice": {
      const entries = declaredEntries(syllabus, problem.list);
      const second = entries.findIndex((e, i) => e.name === problem.name && entries.findIndex((f) => f.name === problem.name) < i);
      return second < 0 ? [problem.list] : [problem.list, second];
    }
    case "alias-taken": {
      if (problem.list === "tiers") return ["tiers", problem.grade, "aliases", syllabus.tiers[problem.grade]?.aliases.indexOf(problem.alias) ?? 0];
      const entries = declaredEntries(syllabus, problem.list);
      const i = entries.findIndex((e) => e.name === problem.grade && e.aliases.includes(problem.alias));
      return [problem.list, i, "aliases", entries[i]?.aliases.indexOf(problem.alias) ?? 0];
    }
    case "undeclared-tier":
      return ["chapters", chapterIndex(problem.chapter), "tier"];
    case "unknown-level":
      return ["chapters", chapterIndex(problem.chapter), "requirements", problem.level];
    case "chapter-twice":
      return ["chapters", chapterIndex(problem.chapter, 1), "number"];
    default:
      return [];
  }
}

/** Where in the blueprint file a problem with its grade or tier maps is; [] (the file) for the rest. */
export function blueprintProblemPath(problem: BlueprintProblem, blueprint: Blueprint): Path {
  switch (problem.problem) {
    case "shares-missing":
      return ["rules", problem.dimension, "shares"];
    case "shares-undeclared":
      return ["rules", problem.dimension, "shares", problem.extra[0]!];
    case "tiers-undeclared": {
      const tier = problem.tiers[0]!;
      return ["rules", "chapters", blueprint.rules.chapters.points_by_tier[tier] !== undefined ? "points_by_tier" : "tier_totals", tier];
    }
    case "bands-undeclared":
      return ["analysis", "difficulty_bands", problem.extra[0]!];
    case "bands-missing":
      return ["analysis", "difficulty_bands"];
    case "bands-order": {
      const falls = problem.bands.findIndex((b, i) => i > 0 && b >= problem.bands[i - 1]!);
      return ["analysis", "difficulty_bands", problem.grades[Math.max(falls, 0)]!];
    }
    case "named-twice":
      return [...problem.map.split("."), problem.spellings[1]!];
    default:
      return [];
  }
}
