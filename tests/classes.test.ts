import { describe, expect, it } from "vitest";
import { classifyBank, inOrder, sortedJoin } from "../src/core/assemble/classes.js";
import { makeBank, makeBlueprint, makeSyllabus, rawQuestion } from "./helpers/builders.js";

const syllabus = makeSyllabus(3, 2);
const blueprint = makeBlueprint();
const none = { used: new Set<string>(), allowReuse: false };

describe("classifyBank", () => {
  it("puts questions alike under every rule in one class, however their points are listed, told by its first question", () => {
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "b", knowledge_point: ["1.2", "1.1"] }),
      rawQuestion("单项选择题", { id: "a", knowledge_point: ["1.1", "1.2"] }),
      rawQuestion("单项选择题", { id: "c", knowledge_point: ["1.1", "1.2"], minutes: 2 }),
      rawQuestion("单项选择题", { id: "d", knowledge_point: ["1.1", "1.2"], difficulty: "较易" }),
    ]);
    const { classes } = classifyBank(bank.questions, blueprint, syllabus, none);
    expect(classes.map((c) => [c.key, c.members])).toEqual([
      ["a|1|1.1+1.2|aa|1|new", ["a", "b"]],
      ["a|1|1.1+1.2|aa|2|new", ["c"]],
      ["a|1|1.1+1.2|ab|1|new", ["d"]],
    ]);
    // The facts are the first question's (in bank order): its points as it lists them.
    expect(classes.find((c) => c.members.includes("b"))!.facts.knowledgePoints).toEqual(["1.2", "1.1"]);
  });

  it("takes a question with an eligible enemy out of its class, whether the enemy comes before or after it", () => {
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "x1" }),
      rawQuestion("单项选择题", { id: "x2", excludes: ["x4"] }),
      rawQuestion("单项选择题", { id: "x3" }),
      rawQuestion("单项选择题", { id: "x4" }),
      // An enemy that is no eligible question (unknown, or of a type without a section) makes no class of its own.
      rawQuestion("单项选择题", { id: "x5", excludes: ["nobody", "x6"] }),
      rawQuestion("论述题", { id: "x6" }),
    ]);
    const { classes, enemyPairs } = classifyBank(bank.questions, blueprint, syllabus, none);
    expect(classes.map((c) => [c.key, c.members, c.facts.id])).toEqual([
      ["a|1|1.1|aa|1|new", ["x1", "x3", "x5"], undefined],
      ["id:x2", ["x2"], "x2"],
      ["id:x4", ["x4"], "x4"],
    ]);
    expect(enemyPairs).toEqual([[1, 2]]);
  });

  it("gives the first question of a class its facts even when an earlier one of its key was taken out for enemies", () => {
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "e1", knowledge_point: ["1.2", "1.1"], excludes: ["e3"] }),
      rawQuestion("单项选择题", { id: "e2", knowledge_point: ["1.1", "1.2"] }),
      rawQuestion("单项选择题", { id: "e3" }),
    ]);
    const { classes } = classifyBank(bank.questions, blueprint, syllabus, none);
    const shared = classes.find((c) => c.members.includes("e2"))!;
    expect(shared.members).toEqual(["e2"]);
    expect(shared.facts.knowledgePoints).toEqual(["1.1", "1.2"]);
  });

  it("reports duplicates, exclusions and history in bank order, and keeps the first use of an id", () => {
    const bank = makeBank([
      rawQuestion("单项选择题", { id: "d1" }),
      rawQuestion("单项选择题", { id: "d2" }),
      rawQuestion("单项选择题", { id: "d1", knowledge_point: "1.2" }),
      rawQuestion("论述题", { id: "d3" }),
      rawQuestion("单项选择题", { id: "d4" }),
      rawQuestion("单项选择题", { id: "d5" }),
    ]);
    const excluding = makeBlueprint({ exclude: ["d2"] });
    const { classes, ineligible } = classifyBank(bank.questions, excluding, syllabus, { used: new Set(["d5"]), allowReuse: false, barred: new Set(["d4"]) });
    expect(ineligible.map((x) => [x.id, x.reason.kind])).toEqual([
      ["d2", "excluded"],
      ["d1", "duplicate-id"],
      ["d3", "no-section"],
      ["d4", "history"],
    ]);
    expect(classes.flatMap((c) => c.members)).toEqual(["d1"]);
    expect(classes[0]!.facts.knowledgePoints).toEqual(["1.1"]);
  });
});

describe("sortedJoin and inOrder", () => {
  const lists = [["b"], ["a", "b"], ["b", "a"], ["a", "a"], ["1.10", "1.9"], ["c", "a", "b"], ["甲", "a"], ["B", "a"]];

  it("join as a copy sorted and joined does", () => {
    for (const list of lists) expect(sortedJoin(list, "+")).toBe([...list].sort().join("+"));
  });

  it("say a list is in order exactly when sorting leaves it as it is", () => {
    for (const list of [...lists, [], ["x1", "x10", "x2"], ["x2", "x10"]]) expect(inOrder(list)).toBe(JSON.stringify([...list].sort()) === JSON.stringify(list));
  });
});
