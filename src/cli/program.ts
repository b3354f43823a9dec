import { Command, CommanderError } from "commander";
import { registerAnalyze } from "./commands/analyze.js";
import { registerCoverage } from "./commands/coverage.js";
import { registerGenerate } from "./commands/generate.js";
import { registerLint } from "./commands/lint.js";
import { registerRender } from "./commands/render.js";
import { registerRecord } from "./commands/record.js";
import { registerReplace } from "./commands/replace.js";
import { registerValidate } from "./commands/validate.js";
import { EXIT_CODES, exitCodeHelp } from "./exit-code.js";
import { requestLang } from "./lang.js";
import { VERSION } from "../version.js";

/**
 * The whole command line, built anew for each run. Commander's own exits (help, version, a usage
 * error) are thrown as a CommanderError rather than ending the process, so the binary (main.ts) and
 * the in-process test runner decide what an exit means.
 */
export function createProgram(): Command {
  const program = new Command()
    .name("zujuan")
    .description("组卷: assemble, validate and render exam papers from a YAML question bank and a syllabus blueprint")
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride((err) => {
      throw err;
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
  registerReplace(program);
  registerRecord(program);
  registerCoverage(program);
  registerAnalyze(program);
  // Every command speaks the user's language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG).
  for (const command of program.commands) command.option("--lang <lang>", "language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG)");
  requestLang(undefined);
  program.hook("preAction", (_program, action) => requestLang(action.opts().lang as string | undefined));
  return program;
}

/** The exit code of a commander exit: help and version are 0; its own usage errors exit 2, like every bad input. */
export function commanderExitCode(err: CommanderError): number {
  return err.exitCode === 0 ? 0 : EXIT_CODES["bad-input"];
}

/**
 * Runs the command line (argv without node and the script) and gives the exit code. The process's
 * exitCode carries what a command's result set (run.ts).
 */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv], { from: "user" });
  } catch (cause) {
    if (cause instanceof CommanderError) return commanderExitCode(cause);
    throw cause;
  }
  return Number(process.exitCode ?? 0);
}
