import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema, blueprintSyllabusProblems } from "../src/core/blueprint.js";
import { KINDS, type Kind } from "../src/core/question-types.js";
import { withDeclaredTypes } from "../src/core/sections.js";
import { indexSyllabus, syllabusProblems, syllabusSchema } from "../src/core/syllabus.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBankOf } from "./helpers/builders.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// Random small courses of every shape at once: their own question types (any kind, several sections
// of one type), their own level, difficulty and tier lists (names, count, order), questions of random
// grades (a material question graded per sub-question) in chapters of random tiers. Every paper the
// solver gives is recomputed from the paper file, the raw bank and the course alone, with nothing from
// src: the recomputation is what the rules mean, written a second time.
const TYPE_POOL = ["甲题", "乙题", "丙题", "丁题"];
const LEVEL_POOL = ["了解", "理解", "掌握", "应用"];
const GRADE_POOL = ["容易", "中等", "偏难", "困难"];
const TIER_POOL = ["核心", "重要", "一般"];
const OPTION_TEXTS = ["甲", "乙", "丙", "丁", "戊", "己"];
const OWN_POINTS: readonly Kind[] = ["term", "written", "material"];
const MAX_QUESTIONS = 20; // 4 sections of at most 2 + 3 spare questions

type Raw = Record<string, unknown>;
type Grade = { level: string; difficulty: string };

const courseArb = fc
  .record({
    types: fc
      .uniqueArray(fc.constantFrom(...TYPE_POOL), { minLength: 1, maxLength: 3 })
      .chain((names) => fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), kind: fc.constantFrom(...KINDS), options: fc.integer({ min: 3, max: 6 }) })))),
    levels: fc.shuffledSubarray(LEVEL_POOL, { minLength: 1, maxLength: 4 }),
    grades: fc.shuffledSubarray(GRADE_POOL, { minLength: 1, maxLength: 4 }),
    tiers: fc.shuffledSubarray(TIER_POOL, { minLength: 1, maxLength: 3 }),
    chapters: fc.integer({ min: 1, max: 4 }),
    /** No tier order, a margin of 0 or 1, or the margin the intended paper just meets ("tight"). */
    tierOrder: fc.constantFrom(undefined, 0, 1, "tight" as const),
    /** Exact shares (tolerance 0) or whole percentages with a tolerance in points. */
    exact: fc.boolean(),
    tolerance: fc.integer({ min: 1, max: 2 }),
    tierRanges: fc.constantFrom(true, true, false),
  })
  .chain((c) =>
    fc.record({
      course: fc.constant(c),
      chapterTiers: fc.array(fc.constantFrom(...c.tiers), { minLength: c.chapters, maxLength: c.chapters }),
      sections: fc.array(fc.record({ type: fc.nat(c.types.length - 1), count: fc.integer({ min: 1, max: 2 }), points: fc.integer({ min: 1, max: 6 }), spare: fc.nat(3) }), {
        minLength: 1,
        maxLength: 4,
      }),
      facts: fc.array(
        fc.record({
          chapter: fc.integer({ min: 1, max: c.chapters }),
          parts: fc.array(fc.record({ level: fc.constantFrom(...c.levels), difficulty: fc.constantFrom(...c.grades) }), { minLength: 1, maxLength: 3 }),
        }),
        { minLength: MAX_QUESTIONS, maxLength: MAX_QUESTIONS },
      ),
    }),
  );

interface PlannedSection {
  type: string;
  kind: Kind;
  options: number;
  count: number;
  points: number;
  spare: number;
}

/** The course as the recomputation reads it: plain data, in the declared orders. */
interface Course {
  sections: PlannedSection[];
  levels: readonly string[];
  grades: readonly string[];
  tiers: readonly string[];
  chapterTiers: readonly string[];
  levelShares: Record<string, number>;
  gradeShares: Record<string, number>;
  levelTolerance: number;
  gradeTolerance: number;
  tierOrder: number | undefined;
  tierRanges: Record<string, { min: number; max: number }> | undefined;
}

interface FileLike {
  sections: { type: string; points_each: number; questions: string[] }[];
}

/** A question of `kind` worth `points`, graded by `parts` (a material question one part per sub-question). */
function question(section: PlannedSection, id: string, chapter: number, parts: Grade[]): Raw {
  const base = { id, type: section.type, chapter, knowledge_point: `k${chapter}`, minutes: 1 };
  const graded = { ...base, ...parts[0]! };
  const points = section.points;
  switch (section.kind) {
    case "single-choice":
      return { ...graded, stem: `题${id}（  ）`, options: OPTION_TEXTS.slice(0, section.options), answer: "B" };
    case "multiple-choice":
      return { ...graded, stem: `题${id}（  ）`, options: OPTION_TEXTS.slice(0, section.options), answer: "AC" };
    case "true-false":
      return { ...graded, stem: `判断${id}`, answer: id.length % 2 === 0 };
    case "fill-blank":
      return { ...graded, stem: `填空${id}${"：____".repeat(parts.length)}`, answer: parts.map((_, i) => `答${i + 1}`) };
    case "term":
      return { ...graded, term: `术语${id}`, answer: "定义", marking: split(points, parts.length).map((p, i) => ({ point: `要点${i + 1}`, points: p })) };
    case "written":
      return { ...graded, stem: `简述${id}`, answer: "答案", marking: split(points, parts.length).map((p, i) => ({ point: `要点${i + 1}`, points: p })) };
    case "material": {
      const shares = split(points, parts.length);
      const subquestions = shares.map((p, i) => ({ ask: `问${i + 1}`, ...parts[i]!, points: p, answer: "答", marking: [{ point: "要点", points: p }] }));
      return { ...base, material: `材料${id}`, subquestions };
    }
  }
}

/** `points` in at most `parts` whole parts of at least 1. */
function split(points: number, parts: number): number[] {
  const n = Math.min(points, parts);
  return Array.from({ length: n }, (_, i) => Math.floor(points / n) + (i < points % n ? 1 : 0));
}

/** Percentages of `points` per name: exact fractions, or whole ones by largest remainder (summing to 100). */
function shares(points: Record<string, number>, names: readonly string[], total: number, exact: boolean): Record<string, number> {
  const raw = names.map((n) => (100 * (points[n] ?? 0)) / total);
  if (exact) return Object.fromEntries(names.map((n, i) => [n, raw[i]!]));
  const whole = raw.map(Math.floor);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < 100 - whole.reduce((s, x) => s + x, 0); k++) whole[order[k]![1]]!++;
  return Object.fromEntries(names.map((n, i) => [n, whole[i]!]));
}

/** The question's points and grades, from the raw question: sub-questions for a material one. */
function gradedPoints(q: Raw, pointsEach: number): (Grade & { points: number })[] {
  if (Array.isArray(q.subquestions)) return (q.subquestions as (Grade & { points: number })[]).map((s) => ({ level: s.level, difficulty: s.difficulty, points: s.points }));
  return [{ level: q.level as string, difficulty: q.difficulty as string, points: pointsEach }];
}

/** The points a raw question fixes itself (its sub-questions' or its marking points'), if any. */
function ownPoints(q: Raw): number | undefined {
  const parts = (q.subquestions ?? q.marking) as { points: number }[] | undefined;
  return parts && sum(parts.map((p) => p.points));
}

/** Points by chapter number, as a list in chapter order. */
const perChapter = (byChapter: Record<string, number>, chapters: number) => Array.from({ length: chapters }, (_, i) => byChapter[String(i + 1)] ?? 0);
const add = (to: Record<string, number>, key: string, n: number) => (to[key] = (to[key] ?? 0) + n);
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Level, difficulty and chapter points of a paper, from the file and the raw bank alone. */
function tally(file: FileLike, byId: ReadonlyMap<string, Raw>) {
  const level: Record<string, number> = {};
  const grade: Record<string, number> = {};
  const chapter: Record<string, number> = {};
  let total = 0;
  for (const section of file.sections) {
    for (const id of section.questions) {
      const q = byId.get(id);
      if (!q) continue;
      for (const part of gradedPoints(q, section.points_each)) {
        add(level, part.level, part.points);
        add(grade, part.difficulty, part.points);
        add(chapter, String(q.chapter), part.points);
        total += part.points;
      }
    }
  }
  return { level, grade, chapter, total };
}

/** Every rule the paper breaks, recomputed from the paper file, the raw bank and the course: [] when it keeps them all. */
function recompute(file: FileLike, byId: ReadonlyMap<string, Raw>, course: Course): string[] {
  const broken: string[] = [];
  if (file.sections.length !== course.sections.length) broken.push(`sections: ${file.sections.length} not ${course.sections.length}`);
  file.sections.forEach((section, i) => {
    const planned = course.sections[i];
    if (!planned) return;
    if (section.type !== planned.type) broken.push(`section ${i}: type ${section.type} not ${planned.type}`);
    if (section.points_each !== planned.points) broken.push(`section ${i}: ${section.points_each} points not ${planned.points}`);
    if (section.questions.length !== planned.count) broken.push(`section ${i}: ${section.questions.length} questions not ${planned.count}`);
    for (const id of section.questions) {
      const q = byId.get(id);
      if (!q) {
        broken.push(`${id}: not in the bank`);
        continue;
      }
      if (q.type !== section.type) broken.push(`${id}: a ${q.type as string} in a ${section.type} section`);
      const own = ownPoints(q);
      if (own !== undefined && own !== section.points_each) broken.push(`${id}: worth ${own} in a section of ${section.points_each}`);
    }
  });
  const ids = file.sections.flatMap((s) => s.questions);
  ids.forEach((id, i) => ids.indexOf(id) < i && broken.push(`${id}: twice`));

  const points = tally(file, byId);
  const total = sum(course.sections.map((s) => s.count * s.points));
  if (points.total !== total) broken.push(`total: ${points.total} not ${total}`);
  const near = (got: number, share: number, tolerance: number) => Math.abs(got - (share * total) / 100) <= tolerance + 1e-9;
  for (const name of course.levels) if (!near(points.level[name] ?? 0, course.levelShares[name]!, course.levelTolerance)) broken.push(`level ${name}: ${points.level[name] ?? 0}`);
  for (const name of course.grades) if (!near(points.grade[name] ?? 0, course.gradeShares[name]!, course.gradeTolerance)) broken.push(`difficulty ${name}: ${points.grade[name] ?? 0}`);
  for (const name of Object.keys(points.level)) if (!course.levels.includes(name)) broken.push(`level ${name}: not declared`);
  for (const name of Object.keys(points.grade)) if (!course.grades.includes(name)) broken.push(`difficulty ${name}: not declared`);

  // Each chapter by its own tier: its points in the tier's range, and the tiers' averages in declared order.
  const chapterPoints = perChapter(points.chapter, course.chapterTiers.length);
  course.chapterTiers.forEach((tier, i) => {
    const range = course.tierRanges?.[tier];
    if (range && (chapterPoints[i]! < range.min - 1e-9 || chapterPoints[i]! > range.max + 1e-9)) broken.push(`chapter ${i + 1} (${tier}): ${chapterPoints[i]} points`);
  });
  if (course.tierOrder !== undefined) {
    const averages = tierAverages(chapterPoints, course.chapterTiers, course.tiers);
    for (let k = 1; k < averages.length; k++) {
      const [upper, lower] = [averages[k - 1]!, averages[k]!];
      if (upper.average < lower.average + course.tierOrder - 1e-9) broken.push(`tier order: ${upper.tier} ${upper.average} below ${lower.tier} ${lower.average}`);
    }
  }
  return broken;
}

/** The average points per chapter of each tier that has chapters, in the tiers' declared order. */
function tierAverages(chapterPoints: readonly number[], chapterTiers: readonly string[], tiers: readonly string[]): { tier: string; average: number }[] {
  return tiers
    .filter((t) => chapterTiers.includes(t))
    .map((tier) => ({ tier, average: sum(chapterPoints.filter((_, i) => chapterTiers[i] === tier)) / chapterTiers.filter((t) => t === tier).length }));
}

/** The paper file with one section's questions moved to the section before it (the last's to the first). */
const rotated = (file: FileLike): FileLike => ({ sections: file.sections.map((s, i) => ({ ...s, questions: file.sections[(i + 1) % file.sections.length]!.questions })) });

/** Whether moving each section's questions one section up must break a rule: another type, count, or points a question fixes. */
function rotationBreaks(sections: readonly PlannedSection[]): boolean {
  return sections.some((s, i) => {
    const next = sections[(i + 1) % sections.length]!;
    return next !== s && (next.type !== s.type || next.count !== s.count || (OWN_POINTS.includes(s.kind) && next.points !== s.points));
  });
}

type Generated = typeof courseArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * One generated case as files: the syllabus, the raw bank, and a blueprint whose shares, tier ranges and
 * tier-order margin come from a paper that exists in the course's terms (each section's first questions).
 */
function buildCase({ course: c, chapterTiers, sections, facts }: Generated) {
  // Sections of a type whose questions fix their own points (marking, sub-questions) are told apart by them.
  const planned: PlannedSection[] = sections
    .map((s) => ({ ...s, type: c.types[s.type]!.name, kind: c.types[s.type]!.kind, options: c.types[s.type]!.options }))
    .filter((s, i, all) => !OWN_POINTS.includes(s.kind) || all.findIndex((o) => o.type === s.type && o.points === s.points) === i);
  const declared = Object.fromEntries(c.types.map((t) => [t.name, t.kind === "single-choice" || t.kind === "multiple-choice" ? { kind: t.kind, options: t.options } : { kind: t.kind }]));
  const syllabus = indexSyllabus(
    syllabusSchema.parse({
      course: { code: "1", name: "随机课程" },
      question_types: declared,
      levels: c.levels,
      difficulties: c.grades,
      tiers: Object.fromEntries(c.tiers.map((t) => [t, { label: `${t}章` }])),
      chapters: chapterTiers.map((tier, i) => ({ number: i + 1, title: `第${i + 1}章`, tier, knowledge_points: [{ id: `k${i + 1}`, title: "点" }] })),
    }),
  );

  let next = 0;
  const bySection = planned.map((s, i) =>
    Array.from({ length: s.count + s.spare }, (_, k) => {
      const fact = facts[next++]!;
      return question(s, `q${i}x${k}`, fact.chapter, fact.parts);
    }),
  );
  const raw = bySection.flat();
  const byId = new Map(raw.map((q) => [q.id as string, q]));
  const intended: FileLike = { sections: planned.map((s, i) => ({ type: s.type, points_each: s.points, questions: bySection[i]!.slice(0, s.count).map((q) => q.id as string) })) };
  const points = tally(intended, byId);
  const chapterPoints = perChapter(points.chapter, chapterTiers.length);
  const tierRanges: NonNullable<Course["tierRanges"]> = {};
  chapterTiers.forEach((tier, i) => {
    const range = (tierRanges[tier] ??= { min: chapterPoints[i]!, max: chapterPoints[i]! });
    range.min = Math.min(range.min, chapterPoints[i]!);
    range.max = Math.max(range.max, chapterPoints[i]!);
  });
  const averages = tierAverages(chapterPoints, chapterTiers, c.tiers).map((a) => a.average);
  const gaps = averages.slice(1).map((a, k) => averages[k]! - a);
  const course: Course = {
    sections: planned,
    levels: c.levels,
    grades: c.grades,
    tiers: c.tiers,
    chapterTiers,
    levelShares: shares(points.level, c.levels, points.total, c.exact),
    gradeShares: shares(points.grade, c.grades, points.total, c.exact),
    levelTolerance: c.exact ? 0 : c.tolerance,
    gradeTolerance: c.exact ? 0 : c.tolerance,
    tierOrder: c.tierOrder !== "tight" ? c.tierOrder : gaps.length ? Math.max(0, Math.min(...gaps)) : 0,
    tierRanges: c.tierRanges ? tierRanges : undefined,
  };

  const blueprint = withDeclaredTypes(
    blueprintSchema.parse({
      name: "随机蓝图",
      syllabus: "s.yaml",
      bank: "bank",
      paper: { title: "随机试卷", minutes: 600, total_points: points.total },
      sections: planned.map((s, i) => ({ type: s.type, id: `s${i + 1}`, count: s.count, points_each: s.points, minutes_each: 1 })),
      rules: {
        levels: { shares: course.levelShares, tolerance_points: course.levelTolerance },
        difficulty: { shares: course.gradeShares, tolerance_points: course.gradeTolerance },
        chapters: { min_questions_each: 0, points_by_tier: course.tierRanges ?? {}, tier_order: course.tierOrder === undefined ? false : { margin: course.tierOrder } },
      },
    }),
    syllabus.types,
  );
  // Questions without points of their own are spread over the sections of their type (by a hash of their
  // id), which may leave the intended paper out of reach.
  const spread = planned.some((s) => !OWN_POINTS.includes(s.kind) && planned.filter((o) => o.type === s.type).length > 1);
  return { syllabus, raw, byId, intended, course, blueprint, spread };
}

/** Breaks a paper that keeps every rule in ways the recomputation must catch; returns which it could make. */
function deliberateBreaks(paper: FileLike, raw: readonly Raw[], byId: ReadonlyMap<string, Raw>, course: Course): string[] {
  const made: string[] = [];
  const ids = paper.sections.flatMap((s) => s.questions);
  if (ids.length > 1) {
    made.push("duplicate");
    const last = paper.sections.length - 1;
    const twice = { sections: paper.sections.map((s, i) => (i === last ? { ...s, questions: [...s.questions.slice(0, -1), ids[0]!] } : s)) };
    expect(recompute(twice, byId, course)).toContainEqual(expect.stringContaining("twice"));
  }
  if (course.sections.length > 1 && rotationBreaks(course.sections)) {
    made.push("rotation");
    expect(recompute(rotated(paper), byId, course)).not.toEqual([]);
  }
  if (course.levelTolerance === 0) {
    // A question swapped for an unused one of the same type and points but another level: exact shares break.
    const swap = paper.sections.flatMap((s, i) =>
      course.sections[i]!.kind === "material"
        ? []
        : s.questions.flatMap((id) => {
            const q = byId.get(id)!;
            const other = raw.find((r) => r.type === q.type && !ids.includes(r.id as string) && r.level !== q.level && (ownPoints(r) ?? s.points_each) === s.points_each);
            return other ? [{ section: i, id, other: other.id as string }] : [];
          }),
    )[0];
    if (swap) {
      made.push("regrade");
      const regraded = { sections: paper.sections.map((s, i) => (i === swap.section ? { ...s, questions: s.questions.map((id) => (id === swap.id ? swap.other : id)) } : s)) };
      expect(recompute(regraded, byId, course)).toContainEqual(expect.stringMatching(/^level /));
    }
  }
  if (course.tierOrder !== undefined) {
    // The tiers read in reverse order: broken unless every present tier has the same average (and no margin).
    const averages = tierAverages(perChapter(tally(paper, byId).chapter, course.chapterTiers.length), course.chapterTiers, course.tiers).map((a) => a.average);
    if (averages.length > 1 && (course.tierOrder > 0 || averages.some((a) => Math.abs(a - averages[0]!) > 1e-9))) {
      made.push("tier order");
      expect(recompute(paper, byId, { ...course, tiers: [...course.tiers].reverse() })).toContainEqual(expect.stringMatching(/^tier order/));
    }
  }
  return made;
}

describe("random small courses of random kinds, grades, tiers and sections", () => {
  it("gives only papers that an independent recomputation of every rule accepts, and the recomputation catches broken ones", async () => {
    const seen: Record<string, number> = { cases: 0, papers: 0, required: 0, material: 0, "shared type": 0, "several grades": 0, "tier order on": 0, duplicate: 0, rotation: 0, regrade: 0, "tier order": 0 };
    const count = (what: string) => seen[what]!++;
    await fc.assert(
      fc.asyncProperty(courseArb, fc.nat(1000), async (generated, seed) => {
        count("cases");
        const { syllabus, raw, byId, intended, course, blueprint, spread } = buildCase(generated);
        expect(syllabusProblems(syllabus.syllabus)).toEqual([]);
        expect(blueprint.problems).toEqual([]);
        expect(blueprintSyllabusProblems(blueprint.blueprint, syllabus)).toEqual([]);
        // Whole percentages are off by less than a point, within the tolerance: only the tier order may rule the intended paper out.
        const intendedHolds = recompute(intended, byId, course).length === 0;
        if (intendedHolds && !spread) count("required");

        const result = await assemble(makeBankOf(syllabus.types, raw), blueprint.blueprint, syllabus, { seed, solver });
        if (!result.ok) {
          // When the intended paper keeps every rule and is within reach, a paper must come out.
          expect(result.reason).toBe("infeasible");
          expect(spread || !intendedHolds).toBe(true);
          return;
        }
        count("papers");
        if (course.sections.some((s) => s.kind === "material")) count("material");
        if (new Set(course.sections.map((s) => s.type)).size < course.sections.length) count("shared type");
        if (course.levels.length > 1 && course.grades.length > 1) count("several grades");
        if (course.tierOrder !== undefined && new Set(course.chapterTiers).size > 1) count("tier order on");
        const { file, report } = result.forms[0]!;
        expect(report.ok).toBe(true);
        expect(report.spec.columns).toEqual({ levels: course.levels, difficulties: course.grades });
        const paper: FileLike = { sections: file.sections.map((s) => ({ type: s.type, points_each: s.points_each, questions: s.questions as string[] })) };
        expect(recompute(paper, byId, course)).toEqual([]);
        deliberateBreaks(paper, raw, byId, course).forEach(count);
      }),
      { numRuns: 40, seed: 20261130 },
    );
    // Most cases give a paper, and every part of the generator and every deliberate break is exercised.
    expect(seen.papers).toBeGreaterThanOrEqual(seen.cases! / 3);
    for (const [what, n] of Object.entries(seen)) expect([what, n > 0]).toEqual([what, true]);
  });
});
