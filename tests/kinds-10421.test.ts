import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../src/io/load-project.js";
import { readText, ROOT, runCli, tempDir } from "./helpers/cli.js";

// The 10421 types moved from code into blueprints/10421-syllabus.yaml: the bank must read as before and
// the same seed must give the same paper. The fixture is `generate --seed 1` of the version before
// (commit c102ab0), less the two lines that name the blueprint's path and the version.
describe("the 10421 course with its types declared as data", () => {
  it("reads every bundled question with the kind of its declared type", () => {
    const loaded = loadProject({ blueprint: join(ROOT, "blueprints/10421.yaml"), cwd: ROOT });
    if (!loaded.ok) throw new Error("the bundled project does not load");
    const { bank, syllabus } = loaded.project;
    expect(loaded.diagnostics).toEqual([]);
    expect(syllabus.types.types.map((t) => [t.name, t.kind])).toEqual([
      ["单项选择题", "single-choice"],
      ["多项选择题", "multiple-choice"],
      ["名词解释", "term"],
      ["简答题", "written"],
      ["论述题", "written"],
      ["案例分析题", "material"],
    ]);
    for (const q of bank.questions) expect([q.id, q.kind]).toEqual([q.id, syllabus.types.lookup(q.type)!.kind]);
  });

  it("generates the same paper for --seed 1 as before", async () => {
    const out = join(tempDir("zujuan-kinds-"), "out");
    const run = await runCli(["generate", "--seed", "1", "--no-pdf", "--out", out], { cwd: ROOT });
    expect(run.code).toBe(0);
    const written = readText(join(out, "10421-A.yaml"))
      .split("\n")
      .filter((line) => !/^(blueprint|generated_by):/.test(line))
      .join("\n");
    expect(written).toBe(readText(join(ROOT, "tests/fixtures/10421-seed1-paper.yaml")));
  });
});
