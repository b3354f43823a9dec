import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseDocument } from "yaml";
import { syllabusShape, type DeclaredNames } from "./course-shape.js";

/**
 * The 10421 blueprint pointed at a synthetic bank, and impossible variants of it. Grades and tiers are
 * named from the syllabus's declared lists by position (see profile.ts), so shares are written as
 * numbers in declared order.
 */

type Edit = [path: string[], value: unknown];

/** `values` as shares of the declared `names`, in declared order. */
const inOrder = (names: readonly string[], values: readonly number[]) => Object.fromEntries(names.map((name, i) => [name, values[i]]));

/** The difficulties and the level the impossible blueprints below argue about, by declared name. */
function pivotalGrades({ levels, difficulties }: DeclaredNames) {
  const [easiest, , harder, hardest] = difficulties;
  // The top level is only ever graded at the two hardest difficulties (as in the real bank).
  return { easiest, harder, hardest, top: levels[3] };
}

/**
 * Impossible blueprints, one per rule group, each a small edit of the 10421 blueprint: what proves it
 * ranges from arithmetic over the blueprint alone to the solver over the bank.
 */
export function infeasibleByGroup(names: DeclaredNames): Record<string, { why: string; edit: Edit[] }> {
  const { easiest, harder, hardest, top } = pivotalGrades(names);
  const firstTier = names.tiers[0]!;
  return {
    difficulty: {
      why: `${easiest} 80 % while ${top} (only ever ${harder}/${hardest}) needs 20 points of ${harder} + ${hardest}, which may have 10`,
      edit: [[["rules", "difficulty", "shares"], inOrder(names.difficulties, [80, 10, 5, 5])]],
    },
    chapters: { why: "key chapters at most 7 points each: 42 points, where they need 60 together", edit: [[["rules", "chapters", "points_by_tier", firstTier], { min: 5, max: 7 }]] },
    tiers: { why: "key chapters ≥ 99 points, where the other four chapters need at least 16", edit: [[["rules", "chapters", "tier_totals"], { [firstTier]: { min: 99 } }]] },
    time: { why: "90–115 minutes, where the quickest paper takes longer", edit: [[["rules", "time"], { min: 90, max: 115 }]] },
    "knowledge points": { why: "one question per knowledge point and four per chapter: chapter 9 has two knowledge points", edit: [[["rules", "knowledge_points", "max_per_point"], 1], [["rules", "chapters", "min_questions_each"], 4]] },
  };
}

/** Prepends a "Benchmark only" comment to the document. */
function benchComment(doc: ReturnType<typeof parseDocument>, why: string): void {
  doc.commentBefore = [` Benchmark only: ${why}.`, doc.commentBefore].filter(Boolean).join("\n");
}

/** The 10421 blueprint pointed at the synthetic bank in `dir`, and infeasible variants of it. */
export function writeBlueprints(
  dir: string,
  files: { blueprintFile: string; syllabusFile: string },
  names: DeclaredNames,
  label: string,
): { blueprint: string; infeasible: string; infeasibleByGroup: Record<string, string> } {
  const { blueprintFile, syllabusFile } = files;
  const source = readFileSync(blueprintFile, "utf8");
  const write = (name: string, edit: (doc: ReturnType<typeof parseDocument>) => void) => {
    const doc = parseDocument(source);
    doc.set("name", `${doc.get("name")} [bench ${label}]`);
    doc.set("syllabus", relative(dir, syllabusFile).split("\\").join("/"));
    doc.set("bank", "bank");
    edit(doc);
    const file = join(dir, name);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
    return file;
  };
  const blueprint = write("10421-bench.yaml", () => {});
  // 40 points of the top level need 40 points of the two hardest difficulties, and these shares allow
  // 30. Each rule alone can be met; together they cannot: only the solver can prove it, and the slack
  // model must explain it.
  const { harder, hardest, top } = pivotalGrades(names);
  const infeasible = write("10421-bench-infeasible.yaml", (doc) => {
    benchComment(doc, `${top} 40 % needs 40 points of ${harder}/${hardest}, the difficulty shares allow 30`);
    doc.setIn(["rules", "levels", "shares"], inOrder(names.levels, [10, 30, 20, 40]));
    doc.setIn(["rules", "difficulty", "shares"], inOrder(names.difficulties, [30, 40, 20, 10]));
  });
  const byGroup: Record<string, string> = {};
  for (const [group, { why, edit }] of Object.entries(infeasibleByGroup(names))) {
    byGroup[group] = write(`10421-bench-infeasible-${group.replace(/ /g, "-")}.yaml`, (doc) => {
      benchComment(doc, why);
      for (const [path, value] of edit) doc.setIn(path, value);
    });
  }
  return { blueprint, infeasible, infeasibleByGroup: byGroup };
}

/**
 * The bundled 10421 blueprint with difficulty shares 30 / 30 / 25 / 15 (easiest first), written into
 * `dir`: section counting allows 12 disjoint forms of the bundled bank, but 10 forms need more points of
 * the easiest and the second hardest difficulty together than the bank holds, which only the forms'
 * aggregate model proves.
 */
export function writeBundledAggregateBlueprint(dir: string, blueprintFile: string): string {
  const doc = parseDocument(readFileSync(blueprintFile, "utf8"));
  const syllabusFile = join(dirname(blueprintFile), String(doc.get("syllabus")));
  const names = syllabusShape(syllabusFile);
  const { easiest, harder } = pivotalGrades(names);
  benchComment(doc, `10 disjoint forms at ${easiest} 30 % and ${harder} 25 % need more than the bundled bank holds`);
  for (const key of ["syllabus", "bank"]) doc.set(key, relative(dir, join(dirname(blueprintFile), String(doc.get(key)))).split("\\").join("/"));
  doc.setIn(["rules", "difficulty", "shares"], inOrder(names.difficulties, [30, 30, 25, 15]));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "10421-bench-forms-aggregate.yaml");
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return file;
}
