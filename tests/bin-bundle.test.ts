import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { CLI, ROOT, runBinary, tempDir } from "./helpers/cli.js";

const BUNDLE = join(dirname(CLI), "zujuan.cjs");

/** What an ES module imports before its code runs: static `import … from "x"` and bare `import "x"`, not import(). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, "utf8");
  return [...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${}\s,*]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
}

/** The packages from node_modules a run of `zujuan ARGS` loads, as the process itself counts them at exit. */
function packagesLoadedBy(args: string[], cwd: string): string[] {
  const preload = join(ROOT, "tests", "fixtures", "report-loaded-modules.cjs");
  const run = spawnSync(process.execPath, ["-r", preload, CLI, ...args], { cwd, encoding: "utf8" });
  const line = run.stderr.split("\n").find((l) => l.startsWith("loaded: "));
  if (!line) throw new Error(`no report of loaded modules: ${run.stderr}`);
  const files = JSON.parse(line.slice("loaded: ".length)) as string[];
  return [...new Set(files.flatMap((f) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1] ?? []))].sort();
}

describe("the zujuan command is one bundle", () => {
  it("loads no package from node_modules at start: the heavy ones (PDF, Word, solver) wait for the command that needs them", () => {
    const builtins = new Set(builtinModules);
    expect(staticImports(CLI).filter((m) => !m.startsWith("node:") && !builtins.has(m))).toEqual([]);
    expect(packagesLoadedBy(["--version"], ROOT)).toEqual([]);
    expect(packagesLoadedBy(["lint", "--format", "json"], ROOT)).toEqual([]);
  });

  it("loads what a command needs when it needs it, from the bundle too: Excel for an XLSX score sheet", () => {
    const out = tempDir();
    const paper = join(out, "10421-A.yaml");
    copyFileSync(join(ROOT, "tests", "fixtures", "10421-seed1-paper.yaml"), paper);
    expect(packagesLoadedBy(["analyze", paper, "--template", "--template-format", "xlsx", "--out", out], ROOT)).toContain("exceljs");
    expect(readFileSync(join(out, "10421-A-scores.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("runs in strict mode, as the ES modules it is made of did", () => {
    // A directive only where a script's statements start: the launcher's wrapper function's first line.
    expect(readFileSync(BUNDLE, "utf8").split("\n", 1)[0]).toBe('"use strict";');
  });

  it("leaves out zod's message locales but its English (zujuan's messages are its own)", () => {
    const { sources } = JSON.parse(readFileSync(`${BUNDLE}.map`, "utf8")) as { sources: string[] };
    const locales = sources.filter((s) => /zod\/v4\/locales\/(?!index\.js$)/.test(s)).map((s) => s.replace(/.*\//, ""));
    expect(locales).toEqual(["en.js"]);
  });

  it("runs with the code cache the build made for this very bundle, and without one", async () => {
    const withCache = await runBinary(["--version"], { env: { ZUJUAN_CODE_CACHE: "report" } });
    expect(withCache).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "zujuan: code cache used\n" });
    const caches = readdirSync(dirname(CLI)).filter((name) => name.endsWith(".cache"));
    const id = /var __zujuanBundleId = "([0-9a-f]{16})";/.exec(readFileSync(BUNDLE, "utf8"))?.[1];
    expect(caches).toEqual([`zujuan-${id}.cache`]);
    // A copy of the bundle beside no cache, then beside a cache made for another bundle (another id):
    // compiled as usual, the same answer.
    const dir = tempDir();
    for (const name of ["zujuan.js", "zujuan.cjs"]) copyFileSync(join(dirname(CLI), name), join(dir, name));
    const run = () => spawnSync(process.execPath, [join(dir, "zujuan.js"), "--version"], { encoding: "utf8", env: { ...process.env, ZUJUAN_CODE_CACHE: "report" } });
    const without = run();
    expect([without.status, without.stdout, without.stderr]).toEqual([0, `${VERSION}\n`, "zujuan: code cache missing\n"]);
    copyFileSync(join(dirname(CLI), caches[0]!), join(dir, "zujuan-ffffffffffffffff.cache"));
    const another = run();
    expect([another.status, another.stdout, another.stderr]).toEqual([0, `${VERSION}\n`, "zujuan: code cache missing\n"]);
  });

  it("is the package's bin, and runs", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(join(ROOT, pkg.bin.zujuan!)).toBe(CLI);
    const run = await runBinary(["--version"]);
    expect(run).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });
});
