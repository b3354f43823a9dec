import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/**
 * `zujuan/core` as a web page gets it: bundled by esbuild for the browser (which fails on any import of a
 * Node built-in), then run in a fresh JavaScript context holding only what browsers have (no process,
 * Buffer, require), on the bundled 10421 files given as text: parse, assemble with HiGHS, validate.
 */
let bundled: Promise<string> | undefined;
const browserBundle = () => (bundled ??= bundle());

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, "dist/core-api.js")],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "zujuan",
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((file) => /^node:|(^|\/)(fs|path|os|worker_threads|child_process)$/.test(file))).toEqual([]);
  return result.outputFiles[0]!.text;
}

/** The globals a browser page has that the bundle may use; nothing of Node's. */
function browserGlobals(): Record<string, unknown> {
  return { console, performance, setTimeout, clearTimeout, queueMicrotask, TextEncoder, TextDecoder, URL, structuredClone, WebAssembly };
}

const text = (file: string) => ({ file, text: readFileSync(join(ROOT, file), "utf8") });
const bankTexts = () => readdirSync(join(ROOT, "bank/10421")).sort().map((name) => text(`bank/10421/${name}`));

describe("zujuan/core in a browser bundle", () => {
  it("bundles without Node built-ins and assembles and validates a paper from text without Node's globals", async () => {
    const code = await browserBundle();
    const context: Record<string, unknown> = browserGlobals();
    runInNewContext(code, context);
    const zujuan = context.zujuan as typeof import("../src/core-api.js");
    expect(typeof zujuan.assemble).toBe("function");
    expect(runInNewContext("typeof process + typeof require + typeof Buffer", context)).toBe("undefinedundefinedundefined");

    const parsed = zujuan.parseProjectTexts({ blueprint: text("blueprints/10421.yaml"), syllabus: text("blueprints/10421-syllabus.yaml"), bank: bankTexts() });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics.slice(0, 3)));
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const { bank, blueprint, syllabus } = parsed.project;

    // HiGHS is the page's to load (its WebAssembly file is served beside the page); here Node loads it.
    const highs = (await import("highs")).default as unknown as () => Promise<import("../src/solver/highs-module.js").HighsModule>;
    const solver = new zujuan.HighsModuleSolver(await highs());
    const result = await zujuan.assemble(bank, blueprint, syllabus, { solver, seed: 3, forms: 1, timeLimitSeconds: 60 });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnosis));
    const report = zujuan.validatePaper(result.forms[0]!.paper, blueprint, syllabus);
    expect(report.ok).toBe(true);
    expect(result.forms[0]!.paper.sections.flatMap((s) => s.questions)).toHaveLength(blueprint.sections.reduce((n, s) => n + s.count, 0));
  });

  it("locates schema and lint findings in text at their line and column", async () => {
    const context: Record<string, unknown> = browserGlobals();
    runInNewContext(await browserBundle(), context);
    const zujuan = context.zujuan as typeof import("../src/core-api.js");
    const draft = (level: string) => ({ file: "draft.yaml", text: `chapter: 1\nquestions:\n  - id: ch01-sc-901\n    type: 单项选择题\n    knowledge_point: "1.1"\n    level: ${level}\n    difficulty: 易\n    stem: 问题(  )\n    options: [甲, 乙, 丙, 丁]\n    answer: E\n` });
    const project = (bank: { file: string; text: string }) => zujuan.parseProjectTexts({ blueprint: text("blueprints/10421.yaml"), syllabus: text("blueprints/10421-syllabus.yaml"), bank: [bank] });

    const badChapter = project({ file: "draft.yaml", text: draft("识记").text.replace("chapter: 1", "chapter: 1.5") });
    expect(badChapter.diagnostics.find((d) => d.severity === "error")?.location).toMatchObject({ file: "draft.yaml", line: 1 });

    const parsed = project(draft("识记"));
    if (!parsed.ok) throw new Error("the project should parse");
    const { bank, syllabus, blueprint } = parsed.project;
    const lint = zujuan.locateInTexts(zujuan.lintBank(bank, { syllabus, blueprint }), [draft("识记")]);
    expect(lint.find((d) => d.severity === "error")?.location).toMatchObject({ file: "draft.yaml", line: 10 });
  });
});
