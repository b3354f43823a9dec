#!/usr/bin/env node
import { Command } from "commander";
import { registerAnalyze } from "./commands/analyze.js";
import { registerCoverage } from "./commands/coverage.js";
import { registerGenerate } from "./commands/generate.js";
import { registerLint } from "./commands/lint.js";
import { registerRender } from "./commands/render.js";
import { registerValidate } from "./commands/validate.js";
import { EXIT_CODES, exitCodeHelp } from "./exit-code.js";
import { VERSION } from "../version.js";

// Output piped into `head` and the like: once the reader has gone, stop quietly (no EPIPE stack).
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (cause: NodeJS.ErrnoException) => {
    if (cause.code !== "EPIPE") throw cause;
    process.exit(process.exitCode ?? 0);
  });
}

const program = new Command()
  .name("zujuan")
  .description("组卷: assemble, validate and render exam papers from a YAML question bank and a syllabus blueprint")
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument) exit 2 like every bad input.
    process.exit(err.exitCode === 0 ? 0 : EXIT_CODES["bad-input"]);
  })
  .addHelpText(
    "after",
    `
Exit codes:
${exitCodeHelp()}`,
  );

registerLint(program);
registerGenerate(program);
registerValidate(program);
registerRender(program);
registerCoverage(program);
registerAnalyze(program);

await program.parseAsync(process.argv);
