import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticProject } from "../src/bench/synthetic-bank.js";
import { ROOT, runCli, tempDir, writeText } from "./helpers/cli.js";

// One transcript per CLI scenario: the command, what it printed and its exit code. The bank is a small
// seeded synthetic one, so bank edits do not churn these; a change here is a change users will see.
let dir = "";
const normalize = (text: string) =>
  text
    .split(dir)
    .join("<tmp>")
    .replace(/solved in \d+\.\d+ s/g, "solved in <t> s")
    .replace(/\(\d+ solves?\)/g, "(<n> solves)")
    .replace(/; \d+ solves\)/g, "; <n> solves)");

async function transcript(args: string[]): Promise<string> {
  const run = await runCli(args, { cwd: dir });
  return normalize(`$ zujuan ${args.join(" ")}\n${run.stdout}${run.stderr ? `[stderr]\n${run.stderr}` : ""}[exit ${run.code}]\n`);
}

beforeAll(() => {
  dir = tempDir("zujuan-transcript-");
  writeSyntheticProject(join(dir, "project"), {
    size: 1200,
    seed: 3,
    excludeShare: 0.02,
    blueprintFile: join(ROOT, "blueprints/10421.yaml"),
    syllabusFile: join(ROOT, "blueprints/10421-syllabus.yaml"),
  });
  writeText(join(dir, "not-a-paper.yaml"), "title: 期中测验\nquestions: []\n");
});

describe("CLI transcripts", () => {
  const scenarios: [string, string[]][] = [
    ["help", ["--help"]],
    ["generate --help", ["generate", "--help"]],
    ["lint a clean bank", ["lint", "--blueprint", "project/10421-bench.yaml"]],
    ["generate a paper", ["generate", "--blueprint", "project/10421-bench.yaml", "--seed", "5", "--no-pdf", "--out", "out"]],
    ["validate it", ["validate", "out/10421-A.yaml"]],
    ["an infeasible blueprint", ["generate", "--blueprint", "project/10421-bench-infeasible.yaml", "--seed", "5", "--no-pdf", "--out", "out2"]],
    ["a usage error", ["generate", "--blueprint", "project/10421-bench.yaml", "--forms", "two"]],
    ["a file that is not a paper", ["validate", "not-a-paper.yaml", "--blueprint", "project/10421-bench.yaml"]],
    ["a missing bank", ["lint", "--blueprint", "project/10421-bench.yaml", "--bank", "nowhere"]],
  ];
  for (const [name, args] of scenarios) {
    it(name, async () => {
      expect(await transcript(args)).toMatchSnapshot();
    });
  }
});
