import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, RSS_METHOD, runCli, scratchDir, type CliRun } from "./measure.js";
import type { PhaseReport } from "./phases.js";
import { writeBundledAggregateBlueprint } from "./bench-blueprints.js";
import { syllabusShape } from "./course-shape.js";
import { writeSyntheticProject, type SyntheticProject } from "./synthetic-bank.js";

/**
 * `npm run bench`: cold end-to-end runs of the built CLI on the bundled bank and on synthetic banks of
 * 10,000 and 50,000 questions, as a markdown table beside the targets of issue 3.
 * Options: --repeat N (median of N runs per row, default 1), --exclude-share X (default 0.02),
 * --rows REGEX (only the rows whose label matches), --with-200k (also a 200,000-question bank).
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "dist/bin/zujuan.js");
const BLUEPRINT = join(ROOT, "blueprints/10421.yaml");
const SYLLABUS = join(ROOT, "blueprints/10421-syllabus.yaml");
const SEED = 1;

interface Targets {
  wall?: number;
  solve?: number;
  rssMB?: number;
}

interface Row {
  label: string;
  blueprint: string;
  args: string[];
  expectExit: 0 | 3;
  targets: Targets;
  /** generate (default), or coverage: the capacity search. */
  command?: "coverage";
}

interface CoverageJson {
  ok: boolean;
  questions?: number;
  capacity?: number;
  capacityReport?: { exact: boolean; atMost: number; steps: { aggregate: unknown[]; constructions: number[] } };
}

interface GenerateJson {
  ok: boolean;
  outcome?: string;
  stats?: { questions: number; classes: number; cells: number; solves: number; variables: number; rows: number; solveSeconds: number };
  forms?: { checks: { id: string; expected: { min?: number; max?: number }; actual: number | null }[] }[];
  diagnosis?: { proven: boolean; message: string; shortfalls: unknown[]; bankShort: unknown[] };
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const mark = (ok: boolean) => (ok ? "✓" : "✗");
const secs = (s: number) => `${s.toFixed(2)} s`;

/** Largest |achieved − target| over the level and difficulty rules of every form (target: the middle of the allowed range). */
function deviation(json: GenerateJson): number | undefined {
  if (!json.forms) return undefined;
  let worst = 0;
  for (const form of json.forms) {
    for (const c of form.checks.filter((c) => /^(level|difficulty):/.test(c.id))) {
      const { min, max } = c.expected;
      const target = min !== undefined && max !== undefined ? (min + max) / 2 : (min ?? max ?? NaN);
      worst = Math.max(worst, Math.abs((c.actual ?? NaN) - target));
    }
  }
  return worst;
}

function coverageRow(row: Row, run: CliRun): { cells: string[]; met: boolean[]; note?: string } {
  const json = (run.json ?? {}) as CoverageJson;
  const met: boolean[] = [];
  const report = json.capacityReport;
  const exact = Boolean(report?.exact);
  met.push(run.exitCode === row.expectExit && exact);
  const wallOk = row.targets.wall === undefined || run.wallSeconds < row.targets.wall;
  if (row.targets.wall !== undefined) met.push(wallOk);
  const capacity = json.capacity === undefined ? "?" : exact ? `${json.capacity} exact` : `${json.capacity} (≤ ${report?.atMost})`;
  const cells = [
    row.label,
    json.questions === undefined ? "?" : json.questions.toLocaleString("en-US"),
    `${run.exitCode ?? "killed"} capacity ${capacity} ${mark(met[0]!)}`,
    row.targets.wall === undefined ? secs(run.wallSeconds) : `${secs(run.wallSeconds)} ${mark(wallOk)} (< ${row.targets.wall} s)`,
    run.cpuSeconds === undefined ? "n/a" : secs(run.cpuSeconds),
    "—",
    run.peakRssMB === undefined ? "n/a" : `${Math.round(run.peakRssMB)} MB`,
    "—",
    report ? `${report.steps.aggregate.length} aggregate checks, built ${report.steps.constructions.join(", ")}` : "",
  ];
  return { cells, met };
}

function tableRow(row: Row, run: CliRun): { cells: string[]; met: boolean[]; note?: string } {
  if (row.command === "coverage") return coverageRow(row, run);
  const json = (run.json ?? {}) as GenerateJson;
  const stats = json.stats;
  const met: boolean[] = [];
  const withTarget = (text: string, value: number | undefined, target: number | undefined, unit: string) => {
    if (target === undefined) return text;
    const ok = value !== undefined && value < target;
    met.push(ok);
    return `${text} ${mark(ok)} (< ${target} ${unit})`;
  };
  const exitOk = run.exitCode === row.expectExit;
  const exit = run.exitCode === undefined ? "killed at the bench's timeout" : `${run.exitCode} ${json.ok ? "ok" : (json.outcome ?? "?")}`;
  let outcome = exitOk ? exit : `${exit} ✗ (expected ${row.expectExit})`;
  let note = json.diagnosis?.message.split("\n")[0];
  if (row.expectExit === 3) {
    const d = json.diagnosis;
    const explained = Boolean(d?.proven && d.shortfalls.length + d.bankShort.length > 0);
    met.push(exitOk && explained);
    outcome = `${exit} ${mark(exitOk && explained)} ${explained ? "proven, explained" : "not proven/explained"}`;
  } else if (!exitOk) {
    met.push(false);
    note ??= run.stderr.split("\n").slice(0, 3).join(" ").slice(0, 300);
  }
  const dev = deviation(json);
  const devText = row.expectExit === 3 ? "—" : dev === undefined ? "n/a ✗" : `${dev} ${mark(dev === 0)}`;
  if (row.expectExit === 0) met.push(dev === 0);
  const solve = stats ? stats.solveSeconds : undefined;
  const cells = [
    row.label,
    stats ? stats.questions.toLocaleString("en-US") : "?",
    outcome,
    withTarget(secs(run.wallSeconds), run.wallSeconds, row.targets.wall, "s"),
    run.cpuSeconds === undefined ? "n/a" : secs(run.cpuSeconds),
    withTarget(solve === undefined ? "n/a" : secs(solve), solve, row.targets.solve, "s"),
    withTarget(run.peakRssMB === undefined ? "n/a" : `${Math.round(run.peakRssMB)} MB`, run.peakRssMB, row.targets.rssMB, "MB"),
    devText,
    stats ? `${stats.classes} / ${stats.cells} / ${stats.variables}×${stats.rows} (${stats.solves})` : "",
  ];
  return { cells, met, ...(note ? { note } : {}) };
}

async function measureRow(row: Row, repeat: number): Promise<CliRun> {
  const runs: CliRun[] = [];
  for (let i = 0; i < repeat; i++) {
    const out = scratchDir();
    const args =
      row.command === "coverage"
        ? ["coverage", "--blueprint", row.blueprint, "--format", "json", ...row.args]
        : ["generate", "--blueprint", row.blueprint, "--seed", String(SEED), "--no-pdf", "--format", "json", "--out", out, ...row.args];
    runs.push(await runCli(CLI, args, { cwd: ROOT, timeoutSeconds: 600 }));
    rmSync(out, { recursive: true, force: true });
    process.stderr.write(`  ${row.label}: ${secs(runs[runs.length - 1]!.wallSeconds)}\n`);
  }
  return median(runs, (r) => r.wallSeconds);
}

function markdown(header: string[], rows: string[][]): string {
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

async function phases(blueprint: string): Promise<string> {
  try {
    const out = execFileSync(process.execPath, [join(ROOT, "dist/bench/phases.js"), blueprint], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
    const report = JSON.parse(out) as PhaseReport;
    const rows = report.stages.map(([name, s]) => [name, s.toFixed(3)]);
    return `${markdown(["stage (50k, 1 form, one process)", "seconds"], rows)}\n\nexact model: ${report.classes} classes (${report.cells} cells), ${report.variables} variables, ${report.rows} rows, ${(report.lpBytes / 1024).toFixed(0)} KB of LP text`;
  } catch (cause) {
    return `stage timing failed: ${(cause as Error).message.split("\n")[0]}`;
  }
}

async function main(): Promise<void> {
  const repeat = Math.max(1, option("--repeat", 1));
  const excludeShare = option("--exclude-share", 0.02);
  const data = join(ROOT, "bench-data");
  const banks = new Map<number, SyntheticProject>();
  const sizes = process.argv.includes("--with-200k") ? [10_000, 50_000, 200_000] : [10_000, 50_000];
  for (const size of sizes) {
    const started = performance.now();
    const project = writeSyntheticProject(join(data, String(size)), { size, seed: SEED, excludeShare, blueprintFile: BLUEPRINT, syllabusFile: SYLLABUS });
    banks.set(size, project);
    process.stderr.write(`generated ${project.questions} questions (${(project.bytes / 1e6).toFixed(1)} MB JSON) in ${secs((performance.now() - started) / 1000)}: ${project.bankDir}\n`);
  }
  const big = banks.get(50_000)!;
  // The aggregate blueprint's shares, named as the syllabus declares them (see bench-blueprints.ts).
  const [easiest, , harder] = syllabusShape(SYLLABUS).difficulties;
  const rows: Row[] = [
    { label: "bundled bank, 1 form", blueprint: BLUEPRINT, args: [], expectExit: 0, targets: {} },
    { label: "10k, 1 form", blueprint: banks.get(10_000)!.blueprint, args: [], expectExit: 0, targets: {} },
    { label: "50k, 1 form", blueprint: big.blueprint, args: [], expectExit: 0, targets: { solve: 1, wall: 2, rssMB: 400 } },
    { label: "50k, 4 forms, max overlap 3", blueprint: big.blueprint, args: ["--forms", "4", "--max-overlap", "3"], expectExit: 0, targets: { wall: 3, rssMB: 400 } },
    { label: "50k, infeasible: levels × difficulty", blueprint: big.infeasible, args: [], expectExit: 3, targets: { wall: 2, rssMB: 400 } },
    ...Object.entries(big.infeasibleByGroup).map(([group, blueprint]): Row => ({ label: `50k, infeasible: ${group}`, blueprint, args: [], expectExit: 3, targets: { wall: 2, rssMB: 400 } })),
    { label: "bundled bank, infeasible: 13 forms (single-choice supply)", blueprint: BLUEPRINT, args: ["--forms", "13"], expectExit: 3, targets: { wall: 2 } },
    { label: `bundled bank, infeasible: 10 disjoint forms, ${easiest} 30 % ${harder} 25 %`, blueprint: writeBundledAggregateBlueprint(join(data, "bundled"), BLUEPRINT), args: ["--forms", "10"], expectExit: 3, targets: { wall: 2 } },
    { label: "coverage, bundled bank", blueprint: BLUEPRINT, args: [], expectExit: 0, targets: { wall: 5 }, command: "coverage" },
    { label: "coverage, 50k", blueprint: big.blueprint, args: [], expectExit: 0, targets: { wall: 30 }, command: "coverage" },
    ...(banks.has(200_000) ? [{ label: "200k, 1 form", blueprint: banks.get(200_000)!.blueprint, args: [], expectExit: 0 as const, targets: {} }] : []),
  ];

  const only = process.argv.indexOf("--rows");
  if (only >= 0) {
    const pattern = new RegExp(process.argv[only + 1] ?? "");
    rows.splice(0, rows.length, ...rows.filter((r) => pattern.test(r.label)));
  }
  const load = loadavg()[0]!.toFixed(1);
  // One throwaway start so that the first row does not also pay for a cold disk cache.
  await runCli(CLI, ["--version"], { cwd: ROOT, timeoutSeconds: 60 });
  const startup = await runCli(CLI, ["--version"], { cwd: ROOT, timeoutSeconds: 60 });
  const results = [];
  for (const row of rows) results.push(tableRow(row, await measureRow(row, repeat)));
  const stageTable = await phases(big.blueprint);

  const header = ["run", "questions", "exit", "end to end", "CPU", "solve", "peak RSS", "deviation", "classes / cells / largest model (solves)"];
  const met = results.flatMap((r) => r.met);
  const lines = [
    `## zujuan bench (seed ${SEED}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${load} at start, Node ${process.version}, ${repeat === 1 ? "one cold run per row" : `median of ${repeat} cold runs`})`,
    "",
    markdown(header, results.map((r) => r.cells)),
    "",
    ...results.filter((r) => r.note).map((r) => `- ${r.cells[0]}: ${r.note}`),
    `- targets met: ${met.filter(Boolean).length} of ${met.length}`,
    `- end to end: \`zujuan generate … --no-pdf --format json\` in a fresh process, spawn to exit (\`zujuan --version\` alone: ${secs(startup.wallSeconds)}); solve: the JSON's stats.solveSeconds (every solve of the run, the infeasible row's explaining one included; the first in a process also compiles HiGHS); deviation: largest |achieved − target| points over the level and difficulty rules, all forms.`,
    `- ${RSS_METHOD}. End to end well above CPU means the child waited: for a busy machine's CPUs, or for I/O.`,
    `- synthetic banks: bench-data/{10000,50000}, seeded, shaped like bank/10421 (src/bench/profile.ts), ${(excludeShare * 100).toFixed(0)} % of questions with one \`excludes\`; 50k bank ${(big.bytes / 1e6).toFixed(1)} MB of JSON.`,
    "",
    stageTable,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
