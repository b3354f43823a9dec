// The seeded simulator's known truth, recovered by the statistics within stated tolerances.
import { describe, expect, it } from "vitest";
import { analyzeSitting } from "../src/core/analysis/analyze.js";
import { simulateSitting, trueP } from "../src/core/analysis/simulate.js";
import { questionUnits } from "../src/core/analysis/units.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";
import { paperOf } from "./helpers/analysis.js";

// Ten 单项选择题, two 多项选择题, two 简答题 (5 points, partial credit) and a case (10 + 10 points).
const bank = makeBank([
  ...Array.from({ length: 10 }, (_, i) => rawQuestion("单项选择题", { id: `s${i + 1}` })),
  rawQuestion("多项选择题", { id: "m1", answer: "ACD" }),
  rawQuestion("多项选择题", { id: "m2", answer: "BE" }),
  rawQuestion("简答题", { id: "w1" }),
  rawQuestion("简答题", { id: "w2" }),
  rawQuestion("案例分析题", { id: "k1" }),
]);
const paper = paperOf(bank, { 单项选择题: 1, 多项选择题: 2, 简答题: 5, 案例分析题: 20 });
const units = questionUnits(paper);

// Known parameters (a, b) of every scored unit; question 10 discriminates backwards.
const TRUE: Record<string, [number, number]> = {
  "1": [0.5, 0], "2": [2, 0], "3": [0.5, 1], "4": [2, 1], "5": [0.5, -1], "6": [2, -1], "7": [1, -2], "8": [1, 2],
  "9": [1.5, 0.5], "10": [-1, 0], "11": [1, 0.5], "12": [1.5, -0.5], "13": [1, -0.5], "14": [1.5, 0.3], "15(1)": [1, 0], "15(2)": [0.8, 0.8],
};
const parameters = (key: string) => ({ a: TRUE[key]![0], b: TRUE[key]![1] });

const grades = makeSyllabus();
const N = 4000;
const simulated = simulateSitting(units, { seed: 20260401, candidates: N, parameters, difficulties: grades.difficulties });
const analysis = analyzeSitting(paper, makeBlueprint(), simulated.sitting, grades);
const scored = analysis.items.filter((i) => i.key !== "15"); // the case as a whole has no own parameters

describe("simulator", () => {
  it("is deterministic for a seed", () => {
    const again = simulateSitting(units, { seed: 20260401, candidates: N, parameters, difficulties: grades.difficulties });
    expect(again.sitting.scores).toEqual(simulated.sitting.scores);
    expect(again.sitting.choices).toEqual(simulated.sitting.choices);
    const other = simulateSitting(units, { seed: 7, candidates: N, parameters, difficulties: grades.difficulties });
    expect(other.sitting.scores.get("1")).not.toEqual(simulated.sitting.scores.get("1"));
  });

  it("true p of the 2PL model: 0.5 at b = 0, symmetric, falling with b", () => {
    expect(trueP({ a: 1.3, b: 0 })).toBeCloseTo(0.5, 6);
    expect(trueP({ a: 1, b: 1 }) + trueP({ a: 1, b: -1 })).toBeCloseTo(1, 6);
    expect(trueP({ a: 1, b: 1 })).toBeLessThan(trueP({ a: 1, b: 0.5 }));
    // With a → ∞ P(θ) is a step at b: p = 1 − Φ(b); Φ(1) = 0.8413.
    expect(trueP({ a: 200, b: 1 })).toBeCloseTo(1 - 0.8413, 3);
  });

  // p̂ has standard error √(p(1−p)/N) ≤ 0.0079 at N = 4000 (less for partial credit): 0.03 is ~4 SE.
  it("observed p is within 0.03 of the true p of every scored unit", () => {
    for (const item of scored) {
      const truth = simulated.truth.get(item.key)!;
      expect(Math.abs(item.p - truth.p), `item ${item.key}: p̂ ${item.p} vs ${truth.p}`).toBeLessThan(0.03);
    }
  });

  it("an item that discriminates backwards has a negative item–rest correlation, negative D and is flagged", () => {
    const backwards = analysis.items.find((i) => i.key === "10")!;
    expect(backwards.itemRest!).toBeLessThan(-0.1);
    expect(backwards.D).toBeLessThan(0);
    expect(backwards.flags.map((f) => f.code)).toEqual(expect.arrayContaining(["low-discrimination", "negative-item-rest"]));
    for (const item of scored.filter((i) => i.key !== "10")) expect(item.itemRest!, item.key).toBeGreaterThan(0);
  });

  it("D grows with the true discrimination a among items of equal location b", () => {
    // Questions 1/2, 3/4 and 5/6 share b (0, 1, −1) and have a = 0.5 against a = 2.
    const D = (key: string) => analysis.items.find((i) => i.key === key)!.D;
    for (const [weak, strong] of [["1", "2"], ["3", "4"], ["5", "6"]] as const) expect(D(strong), `${strong} vs ${weak}`).toBeGreaterThan(D(weak) + 0.1);
  });

  it("records a chosen option for every candidate of every choice question, the key exactly when scored right", () => {
    const q1 = units[0]!;
    const chosen = simulated.sitting.choices.get(1)!;
    const scores = simulated.sitting.scores.get("1")!;
    expect(chosen).toHaveLength(N);
    chosen.forEach((c, i) => expect(c === q1.choice!.answer).toBe(scores[i] === 1));
    const m1 = simulated.sitting.choices.get(11)!;
    m1.forEach((c, i) => expect(c === "ACD").toBe(simulated.sitting.scores.get("11")![i] === 2));
    // A wrong single choice picks a distractor, so the distractor shares and the key's add up to 1.
    const table = analysis.items.find((i) => i.key === "1")!.distractors!;
    expect(table.options.reduce((s, o) => s + o.all, 0) + table.omitted).toBeCloseTo(1, 12);
  });

  it("partial credit: written scores take every whole point from 0 to the full mark", () => {
    const w1 = new Set(simulated.sitting.scores.get("13")!);
    expect([...w1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(analysis.paper.alpha!).toBeGreaterThan(0.5);
  });
});
