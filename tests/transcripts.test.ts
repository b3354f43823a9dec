import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readText, runCli, tempDir, writeText } from "./helpers/cli.js";
import { syntheticProject } from "./helpers/bundled.js";

// One transcript per CLI scenario: the command, what it printed and its exit code. The bank is a small
// seeded synthetic one, so bank edits do not churn these; a change here is a change users will see.
// The English ones run under LC_ALL=C.UTF-8 (the test helpers' default), the Chinese ones with --lang zh
// or a Chinese locale, so every machine prints the same.
let dir = "";
const normalize = (text: string) =>
  text
    .split(dir)
    .join("<tmp>")
    .replace(/solved in \d+\.\d+ s/g, "solved in <t> s")
    .replace(/\(\d+ solves?\)/g, "(<n> solves)")
    .replace(/; \d+ solves?\)/g, "; <n> solves)")
    .replace(/组卷用时 \d+\.\d+ 秒/g, "组卷用时 <t> 秒");

async function transcript(args: string[], env: Record<string, string> = {}): Promise<string> {
  const run = await runCli(args, { cwd: dir, env });
  const shownEnv = Object.entries(env).map(([k, v]) => `${k}=${v} `).join("");
  return normalize(`$ ${shownEnv}zujuan ${args.join(" ")}\n${run.stdout}${run.stderr ? `[stderr]\n${run.stderr}` : ""}[exit ${run.code}]\n`);
}

/** A bank being written, with the slips a setter makes: each is one finding. */
const DRAFT_BANK = `chapter: 3
questions:
  - id: d-sc-1
    type: 单项选择题
    knowledge_point: "3.1"
    level: 识记
    difficulty: 易
    stem: 接待客户时，首先应当做到的是(  )
    options: [微笑问候, 微笑问候, 查看记录, 推荐产品]
    answer: E
  - id: d-short-1
    type: 简答题
    knowledge_point: "2.1"
    level: 领会
    difficulty: 较易
    stem: 简述接待客户前应做好哪些准备。
    answer: 做好心理准备和物质准备。
    marking:
      - { point: 心理准备, points: 2 }
      - { point: 物质准备, points: 2 }
  - id: d-short-1
    type: 简答题
    chapter: 12
    knowledge_point: "3.2"
    level: 领会
    difficulty: 较易
    stem: 简述倾听客户的技巧。
    answer: 专注地听，并及时回应。
    marking:
      - { point: 专注, points: 5 }
`;

/**
 * A draft made from the generated paper: its first 简答题 replaced by one written inline whose marking
 * points add up to 4 where the section gives 5 (reported once: one finding, one failing rule).
 */
function writeDraft(): void {
  const paper = readText(join(dir, "out/10421-A.yaml"));
  const inline = [
    "      - id: draft-short-1",
    "        chapter: 3",
    "        knowledge_point: \"3.1\"",
    "        level: 领会",
    "        difficulty: 较易",
    "        stem: 简述接待客户前应做好哪些准备。",
    "        answer: 做好心理准备和物质准备。",
    "        marking:",
    "          - { point: 心理准备, points: 1 }",
    "          - { point: 物质准备, points: 3 }",
  ].join("\n");
  writeText(join(dir, "out/draft.yaml"), paper.replace(/(type: 简答题\n\s+points_each: 5\n\s+questions:\n)\s+- [^\n]+/, `$1${inline}`));
}

beforeAll(() => {
  dir = tempDir("zujuan-transcript-");
  syntheticProject(join(dir, "project"), 1200);
  // coverage: a small bank, so capacity is settled in moments.
  syntheticProject(join(dir, "small"), 450);
  writeText(join(dir, "not-a-paper.yaml"), "title: 期中测验\nquestions: []\n");
  mkdirSync(join(dir, "draft-bank"));
  writeText(join(dir, "draft-bank", "ch03.yaml"), DRAFT_BANK);
});

describe("CLI transcripts", () => {
  const scenarios: [string, string[], Record<string, string>?][] = [
    ["help", ["--help"]],
    ["generate --help", ["generate", "--help"]],
    ["lint a clean bank", ["lint", "--blueprint", "project/10421-bench.yaml"]],
    ["generate a paper", ["generate", "--blueprint", "project/10421-bench.yaml", "--seed", "5", "--no-pdf", "--out", "out"]],
    ["validate it", ["validate", "out/10421-A.yaml"]],
    ["validate a draft with a bad inline question", ["validate", "out/draft.yaml"]],
    ["lint a draft bank", ["lint", "--blueprint", "project/10421-bench.yaml", "--bank", "draft-bank"]],
    ["an infeasible blueprint", ["generate", "--blueprint", "project/10421-bench-infeasible.yaml", "--seed", "5", "--no-pdf", "--out", "out2"]],
    ["a usage error", ["generate", "--blueprint", "project/10421-bench.yaml", "--forms", "two"]],
    ["a file that is not a paper", ["validate", "not-a-paper.yaml", "--blueprint", "project/10421-bench.yaml"]],
    ["a missing bank", ["lint", "--blueprint", "project/10421-bench.yaml", "--bank", "nowhere"]],
    ["coverage of the bank", ["coverage", "--blueprint", "small/10421-bench.yaml", "--min-papers", "5"]],
    ["zh: lint a draft bank", ["lint", "--blueprint", "project/10421-bench.yaml", "--bank", "draft-bank", "--lang", "zh"]],
    ["zh: generate a paper", ["generate", "--blueprint", "project/10421-bench.yaml", "--seed", "5", "--no-pdf", "--out", "out-zh", "--lang", "zh"]],
    ["zh: an infeasible blueprint", ["generate", "--blueprint", "project/10421-bench-infeasible.yaml", "--seed", "5", "--no-pdf", "--out", "out3", "--lang", "zh"]],
    ["zh: validate it", ["validate", "out/10421-A.yaml", "--lang", "zh"]],
    ["zh: validate a draft with a bad inline question", ["validate", "out/draft.yaml", "--lang", "zh"]],
    ["zh: a file that is not a paper", ["validate", "not-a-paper.yaml", "--blueprint", "project/10421-bench.yaml", "--lang", "zh"]],
    ["zh: coverage of the bank", ["coverage", "--blueprint", "small/10421-bench.yaml", "--min-papers", "5", "--lang", "zh"]],
    ["zh: record the sitting", ["record", "out-zh/10421-A.yaml", "--sitting", "2026-10", "--lang", "zh"]],
    ["zh: record it again", ["record", "out-zh/10421-A.yaml", "--sitting", "2026-10", "--lang", "zh"]],
    ["zh from the locale: a missing bank", ["lint", "--blueprint", "project/10421-bench.yaml", "--bank", "nowhere"], { LC_ALL: "", LANG: "zh_CN.UTF-8" }],
    ["an unknown --lang", ["lint", "--lang", "fr"]],
  ];
  for (const [name, args, env] of scenarios) {
    it(name, async () => {
      if (args[1] === "out/draft.yaml") writeDraft();
      expect(await transcript(args, env)).toMatchSnapshot();
    });
  }
});
