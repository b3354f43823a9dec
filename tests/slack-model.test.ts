import { afterAll, describe, expect, it } from "vitest";
import { slackShortfalls } from "../src/core/assemble/diagnose.js";
import { buildModel, type ModelGroup } from "../src/core/assemble/model.js";
import type { LinearRule } from "../src/core/rules.js";
import { HighsSolver } from "../src/solver/highs.js";
import { highsOptionsFor } from "../src/solver/highs-result.js";

const solver = new HighsSolver();
afterAll(() => solver.close());

const rule = (id: string, group: LinearRule["group"], bounds: { min?: number; max?: number }): LinearRule => ({
  id,
  group,
  subject: { rule: "time" },
  unit: "points",
  measure: () => 0,
  ...bounds,
});

/** One question of a one-question section, from a group whose question adds `adds[rule id]` to each rule. */
const group = (adds: Record<string, number>): ModelGroup => ({
  section: "单项选择题",
  perForm: 1,
  capacity: 1,
  reused: false,
  coef: (r) => ({ low: adds[r.id] ?? 0, high: adds[r.id] ?? 0 }),
});

describe("the slack model that explains an infeasible blueprint", () => {
  it("breaks as few rules as it can before it minimises by how much", async () => {
    // Taking g1 breaks B and C by 1 each (2 rules, 2 points); taking g2 breaks A by 3 (1 rule, 3 points).
    // Least total slack would name B and C; the fewest rules is A alone.
    const rules = [rule("section", "section", { min: 1, max: 1 }), rule("A", "level", { min: 3 }), rule("B", "level", { min: 1 }), rule("C", "difficulty", { min: 1 })];
    const groups = [group({ section: 1, A: 3 }), group({ section: 1, B: 1, C: 1 })];
    const built = buildModel({ groups, enemyPairs: [], rules, forms: 1, maxOverlap: 0, maxReused: 0, seed: 1, slack: true });
    const solution = await solver.solve(built.model, { timeLimitSeconds: 30, firstFeasible: false });
    expect(solution.status).toBe("optimal");
    const shortfalls = slackShortfalls(built, solution);
    expect(shortfalls.map((s) => [s.rule, s.shortBy])).toEqual([["A", 3]]);
  });

  it("never breaks a section count while another rule could give instead", async () => {
    const rules = [rule("section", "section", { min: 1, max: 1 }), rule("A", "level", { min: 2 }), rule("B", "level", { max: 0 })];
    const groups = [group({ section: 1, A: 1, B: 1 }), group({ section: 1, A: 2, B: 2 })];
    const built = buildModel({ groups, enemyPairs: [], rules, forms: 1, maxOverlap: 0, maxReused: 0, seed: 1, slack: true });
    const solution = await solver.solve(built.model, { timeLimitSeconds: 30, firstFeasible: false });
    const broken = slackShortfalls(built, solution).map((s) => s.rule);
    expect(broken).not.toContain("section");
    expect(broken).toHaveLength(1);
  });
});

describe("HiGHS's options", () => {
  it("leave out the root's reduced-cost heuristic when the optimum is asked for, and only then", () => {
    expect(highsOptionsFor({ timeLimitSeconds: 5, firstFeasible: false })).toMatchObject({ mip_heuristic_run_root_reduced_cost: false, mip_rel_gap: 1e-6 });
    expect(highsOptionsFor({ timeLimitSeconds: 5, firstFeasible: true })).not.toHaveProperty("mip_heuristic_run_root_reduced_cost");
  });
});
