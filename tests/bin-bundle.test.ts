import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { CLI, ROOT, runBinary } from "./helpers/cli.js";

/** What a module imports before its code runs: static `import … from "x"` and bare `import "x"`, not import(). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${}\s,*]+?\s*from\s*)?["']([^"']+)["']/g)) found.push(match[1]!);
  return found;
}

/** What a run of `zujuan` loads at start: the bundle's static import graph walked from its entry. */
function startupModules(entry: string): { files: Set<string>; others: Set<string> } {
  const files = new Set([entry]);
  const others = new Set<string>();
  const visit = (file: string) => {
    for (const specifier of staticImports(file)) {
      if (!specifier.startsWith(".")) {
        others.add(specifier);
        continue;
      }
      const next = join(dirname(file), specifier);
      if (!files.has(next)) {
        files.add(next);
        visit(next);
      }
    }
  };
  visit(entry);
  return { files, others };
}

describe("the zujuan command is one bundle", () => {
  it("loads no package from node_modules at start: the heavy ones (PDF, Word, solver) wait for the command that needs them", () => {
    const { files, others } = startupModules(CLI);
    expect([...others].filter((m) => !m.startsWith("node:"))).toEqual([]);
    expect(others).toContain("node:fs");
    // A handful of chunks, not the ~260 modules of the unbundled build.
    expect(files.size).toBeGreaterThan(1);
    expect(files.size).toBeLessThan(15);
  });

  it("leaves out zod's message locales but its English (zujuan's messages are its own)", () => {
    const sources = [...startupModules(CLI).files].flatMap((file) => (JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] }).sources);
    const locales = sources.filter((s) => /zod\/v4\/locales\/(?!index\.js$)/.test(s)).map((s) => s.replace(/.*\//, ""));
    expect(locales).toEqual(["en.js"]);
  });

  it("is the package's bin, and runs", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(join(ROOT, pkg.bin.zujuan!)).toBe(CLI);
    const run = await runBinary(["--version"]);
    expect(run).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });
});
