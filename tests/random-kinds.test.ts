import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../src/core/assemble/assemble.js";
import { blueprintSchema } from "../src/core/blueprint.js";
import { KINDS, type Kind } from "../src/core/question-types.js";
import { withDeclaredTypes } from "../src/core/sections.js";
import { indexSyllabus, syllabusSchema } from "../src/core/syllabus.js";
import { HighsSolver } from "../src/solver/highs.js";
import { makeBankOf } from "./helpers/builders.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

// Random small courses of random question types (any kind, under any name) in random sections, some
// sharing a type; every paper assembled is checked by recomputing its structure from the files alone.
const NAMES = ["甲题", "乙题", "丙题", "丁题"];
const OWN_POINTS: readonly Kind[] = ["term", "written", "material"];

const courseArb = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.record({
      types: fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), kind: fc.constantFrom(...KINDS) }))),
      sections: fc.array(fc.record({ type: fc.nat(names.length - 1), count: fc.integer({ min: 1, max: 2 }), points: fc.integer({ min: 1, max: 6 }), spare: fc.nat(2) }), { minLength: 1, maxLength: 4 }),
    }),
  );

type Raw = Record<string, unknown>;

/** A question of `kind` worth `points` in its section, valid under every rule. */
function question(kind: Kind, type: string, id: string, points: number, blanks: number): Raw {
  const base = { id, type, chapter: 1, knowledge_point: "1.1", minutes: 1 };
  const graded = { ...base, level: "识记", difficulty: "易" };
  switch (kind) {
    case "single-choice":
      return { ...graded, stem: `题${id}（  ）`, options: ["甲", "乙", "丙", "丁"], answer: "B" };
    case "multiple-choice":
      return { ...graded, stem: `题${id}（  ）`, options: ["甲", "乙", "丙", "丁", "戊"], answer: "AC" };
    case "true-false":
      return { ...graded, stem: `判断${id}`, answer: id.length % 2 === 0 };
    case "fill-blank":
      return { ...graded, stem: `填空${id}${"：____".repeat(blanks)}`, answer: Array.from({ length: blanks }, (_, i) => `答${i + 1}`) };
    case "term":
      return { ...graded, term: `术语${id}`, answer: "定义", marking: [{ point: "要点", points }] };
    case "written":
      return { ...graded, stem: `简述${id}`, answer: "答案", marking: [{ point: "要点", points }] };
    case "material":
      return { ...base, material: `材料${id}`, subquestions: [{ ask: "问", level: "识记", difficulty: "易", points, answer: "答", marking: [{ point: "要点", points }] }] };
  }
}

describe("random small courses of random kinds and sections", () => {
  it("gives only papers whose sections, types and points recompute from the files", async () => {
    let papers = 0;
    await fc.assert(
      fc.asyncProperty(courseArb, fc.nat(1000), async ({ types, sections }, seed) => {
        const declared = Object.fromEntries(types.map((t) => [t.name, t.kind === "single-choice" ? { kind: t.kind, options: 4 } : t.kind === "multiple-choice" ? { kind: t.kind, options: 5 } : { kind: t.kind }]));
        const syllabus = indexSyllabus(
          syllabusSchema.parse({
            course: { code: "1", name: "随机课程" },
            question_types: declared,
            levels: ["识记"],
            difficulties: ["易"],
            tiers: { 重点: { label: "重点章" } },
            chapters: [{ number: 1, title: "第一章", tier: "重点", knowledge_points: [{ id: "1.1", title: "点" }] }],
          }),
        );
        // Sections of a type whose questions carry their own points (marking, sub-questions) are told apart by them.
        const planned = sections
          .map((s) => ({ ...s, type: types[s.type]!.name, kind: types[s.type]!.kind }))
          .filter((s, i, all) => !OWN_POINTS.includes(s.kind) || all.findIndex((o) => o.type === s.type && o.points === s.points) === i);
        const total = planned.reduce((sum, s) => sum + s.count * s.points, 0);
        const blueprint = withDeclaredTypes(
          blueprintSchema.parse({
            name: "随机蓝图",
            syllabus: "s.yaml",
            bank: "bank",
            paper: { title: "随机试卷", minutes: 600, total_points: total },
            sections: planned.map((s, i) => ({ type: s.type, id: `s${i + 1}`, count: s.count, points_each: s.points, minutes_each: 1 })),
            rules: { levels: { shares: { 识记: 100 } }, difficulty: { shares: { 易: 100 } }, chapters: { min_questions_each: 0 } },
          }),
          syllabus.types,
        );
        expect(blueprint.problems).toEqual([]);
        const raw = planned.flatMap((s, i) => Array.from({ length: s.count + s.spare }, (_, k) => question(s.kind, s.type, `q${i}x${k}`, s.points, 1 + ((i + k) % 3))));
        const bank = makeBankOf(syllabus.types, raw);

        const result = await assemble(bank, blueprint.blueprint, syllabus, { seed, solver });
        // Questions without points of their own are spread over the sections of their type: a small bank may
        // leave one short. Otherwise every section has its own questions and a paper must come out.
        const spread = planned.some((s) => !OWN_POINTS.includes(s.kind) && planned.filter((o) => o.type === s.type).length > 1);
        if (!result.ok) {
          expect([spread, result.reason]).toEqual([true, "infeasible"]);
          return;
        }
        papers++;
        const { file, report } = result.forms[0]!;
        expect(report.ok).toBe(true);
        const byId = new Map(raw.map((q) => [q.id as string, q]));
        const ids = file.sections.flatMap((s) => s.questions as string[]);
        expect(new Set(ids).size).toBe(ids.length);
        expect(file.sections.map((s) => [s.type, s.points_each, s.questions.length])).toEqual(planned.map((s) => [s.type, s.points, s.count]));
        let points = 0;
        file.sections.forEach((section, i) => {
          for (const id of section.questions as string[]) {
            const q = byId.get(id)!;
            expect(q.type).toBe(section.type);
            const kind = planned[i]!.kind;
            if (kind === "term" || kind === "written") expect((q.marking as { points: number }[]).reduce((s, m) => s + m.points, 0)).toBe(section.points_each);
            if (kind === "material") expect((q.subquestions as { points: number }[]).reduce((s, m) => s + m.points, 0)).toBe(section.points_each);
            if (kind === "fill-blank") expect((q.stem as string).match(/_{4,}/g)!.length).toBe((q.answer as string[]).length);
            points += section.points_each;
          }
        });
        expect(points).toBe(total);
      }),
      { numRuns: 30, seed: 20261130 },
    );
    expect(papers).toBeGreaterThan(15);
  });
});
