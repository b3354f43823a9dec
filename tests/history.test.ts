import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { overexposed, usageCounts, usedWithin, withSitting, type History } from "../src/core/history.js";
import { readText, runCli, tempProject, writeText } from "./helpers/cli.js";

const history: History = {
  sittings: [
    { sitting: "2025-10", questions: ["a", "b"] },
    { sitting: "2026-04", form: "A", questions: ["c"] },
    { sitting: "2026-04", form: "B", questions: ["d", "a"] },
  ],
};

describe("usage history", () => {
  it("knows the questions of the last N sittings", () => {
    expect(usedWithin(history, 1)).toEqual(new Set(["c", "d", "a"]));
    expect(usedWithin(history, 2)).toEqual(new Set(["a", "b", "c", "d"]));
    expect(usedWithin(history, 1, "2026-04")).toEqual(new Set(["a", "b"]));
  });

  it("counts uses, and recording the same paper for the same sitting twice changes nothing", () => {
    expect(usageCounts(history)).toEqual(new Map([["a", 2], ["b", 1], ["c", 1], ["d", 1]]));
    // Two forms of one sitting holding a question count once.
    expect(usageCounts({ sittings: [...history.sittings, { sitting: "2026-04", form: "C", questions: ["d"] }] }).get("d")).toBe(1);
    const entry = { sitting: "2026-10", paper: "p.yaml", form: "A", questions: ["e"] };
    const once = withSitting(history, entry);
    expect(once.added).toBe(true);
    expect(withSitting(once.history, entry)).toEqual({ history: once.history, added: false });
  });
});

describe("exposure: at most k times in M sittings", () => {
  it("names the questions used k times within the last M sittings", () => {
    expect(overexposed(history, 2, 2)).toEqual(new Set(["a"]));
    expect(overexposed(history, 2, 1)).toEqual(new Set());
    expect(overexposed(history, 1, 1)).toEqual(new Set(["a", "c", "d"]));
  });
});

describe("zujuan record and not_within_sittings (end to end)", () => {
  it("records a sitting beside the bank, and the next paper uses none of its questions", async () => {
    const project = tempProject();
    writeText(project.blueprint, readText(project.blueprint).replace("  knowledge_points: { max_per_point: 3 }", "  knowledge_points: { max_per_point: 3 }\n  history: { not_within_sittings: 1 }"));
    const first = join(project.dir, "out1");
    expect((await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", first])).code).toBe(0);
    expect((await runCli(["record", join(first, "10421-A.yaml"), "--sitting", "2026-10"])).code).toBe(0);
    const file = join(project.dir, "bank", "10421-history.yaml");
    expect(existsSync(file)).toBe(true);
    expect(readText(file)).toMatch(/sitting: 2026-10/);
    const second = join(project.dir, "out2");
    expect((await runCli(["generate", "--blueprint", project.blueprint, "--seed", "1", "--no-pdf", "--out", second])).code).toBe(0);
    const ids = (path: string) => new Set(readText(path).match(/ch\d+-[a-z]+-\d+/g));
    const before = ids(join(first, "10421-A.yaml"));
    expect([...ids(join(second, "10421-A.yaml"))].filter((id) => before.has(id))).toEqual([]);
    expect((await runCli(["record", join(first, "10421-A.yaml")])).code).toBe(2);
    const lint = await runCli(["lint", "--blueprint", project.blueprint]);
    expect(lint.stdout).toMatch(/history .*10421-history\.yaml: 1 sitting, 32 questions used \(most: \S+ ×1/);
  });
});
