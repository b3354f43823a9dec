import { describe, expect, it } from "vitest";
import { indexBank } from "../src/core/bank.js";
import { resolvePaper, type PaperFile } from "../src/core/paper.js";
import { validatePaper } from "../src/core/validate.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion, CATALOGUE_10421 } from "./helpers/builders.js";

// The blueprint scores each question by its section's points: 2 单项选择题 of 1 point, 1 简答题 of 5.
const syllabus = makeSyllabus(1, 2);
const blueprint = makeBlueprint();
const bank = makeBank([rawQuestion("单项选择题", { id: "s1" }), rawQuestion("单项选择题", { id: "s2" }), rawQuestion("简答题", { id: "w1" })]);

function failures(choicePoints: number, writtenPoints: number): string[] {
  const file: PaperFile = {
    sections: [
      { type: "单项选择题", points_each: choicePoints, questions: ["s1", "s2"] },
      { type: "简答题", points_each: writtenPoints, questions: ["w1"] },
    ],
  };
  const report = validatePaper(resolvePaper(file, indexBank(bank), { file: "p", path: [] }, CATALOGUE_10421).paper, blueprint, syllabus);
  return report.checks.filter((c) => c.status === "fail").map((c) => c.id);
}

describe("validate scores by the blueprint's points for each section", () => {
  it.each([
    ["a choice section", 2, 5, ["structure:points:单项选择题"]],
    ["a written section (its marking still adds up to the blueprint's 5)", 1, 6, ["structure:points:简答题"]],
    ["both", 3, 4, ["structure:points:单项选择题", "structure:points:简答题"]],
    ["neither", 1, 5, []],
  ])("a paper with the wrong points_each in %s gets one finding for it and nothing after", (_name, choice, written, expected) => {
    expect(failures(choice, written)).toEqual(expected);
  });
});
