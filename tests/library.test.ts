import { execFile } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./helpers/cli.js";

/**
 * The package as a user installs it: a project with zujuan in node_modules imports the package root and
 * `zujuan/core` by name (the built files, through package.json's exports), runs the README's example,
 * and finds deep imports closed.
 */
const USER_SCRIPT = String.raw`
import * as root from "zujuan";
import * as core from "zujuan/core";
const out = { rootNames: Object.keys(root).sort(), coreNames: Object.keys(core).sort() };
const loaded = root.loadProject({ blueprint: process.env.BLUEPRINT });
if (!loaded.ok) throw new Error("project did not load");
const { bank, blueprint, syllabus } = loaded.project;
const result = await root.assemble(bank, blueprint, syllabus, { seed: 7, forms: 2 });
out.assembled = result.ok;
out.forms = result.ok ? result.forms.map((f) => [f.label, f.report.ok]) : [];
if (result.ok) {
  const again = root.validatePaper(result.forms[0].paper, blueprint, syllabus);
  out.validated = again.ok;
}
try {
  await import("zujuan/dist/core/bank.js");
  out.deep = "imported";
} catch (e) {
  out.deep = e.code;
}
console.log(JSON.stringify(out));
`;

function runNode(cwd: string, script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("the package as a library", () => {
  it("imports by name, runs the README's example, and keeps deep imports closed", async () => {
    const project = tempDir("zujuan-user-");
    mkdirSync(join(project, "node_modules"));
    symlinkSync(ROOT, join(project, "node_modules", "zujuan"), "junction");
    const run = await runNode(project, USER_SCRIPT, { BLUEPRINT: join(ROOT, "blueprints/10421.yaml") });
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    // What the README and docs promise: the root has the file-based API and the renderers besides the core.
    for (const name of ["loadProject", "assemble", "validatePaper", "renderPdfs", "renderDocxs", "loadPaper", "HighsSolver", "lintBank", "coverage", "parseProjectTexts", "analysis"]) {
      expect(out.rootNames).toContain(name);
    }
    for (const name of ["assemble", "validatePaper", "parseProjectTexts", "parseBankTexts", "HighsModuleSolver", "lintBank", "buildSpec"]) expect(out.coreNames).toContain(name);
    // The portable entry has nothing that needs files or a worker thread.
    for (const name of ["loadProject", "renderPdfs", "HighsSolver", "loadPaper"]) expect(out.coreNames).not.toContain(name);
    expect(out.assembled).toBe(true);
    expect(out.forms).toEqual([["A", true], ["B", true]]);
    expect(out.validated).toBe(true);
    expect(out.deep).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});
