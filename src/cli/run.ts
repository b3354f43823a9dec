import { error } from "../core/diagnostic.js";
import type { CommandResult } from "./command-result.js";
import { exitCodeFor } from "./exit-code.js";
import { formatDiagnostic } from "./format-diagnostics.js";
import { detectStyle, type Format, type Style } from "./style.js";

/** A mistake in how the command was called: reported in one line, exit 2. */
export class UsageError extends Error {}

export interface RunContext {
  /** text, json, or one of the extra formats the command declared. */
  format: Format | (string & {});
  style: Style;
}

export interface RunOptions {
  /** Formats beyond text and json that the command renders into CommandResult.outputs. */
  formats?: readonly string[];
}

function formatList(formats: readonly string[]): string {
  return formats.length > 1 ? `${formats.slice(0, -1).join(", ")} or ${formats[formats.length - 1]}` : formats.join("");
}

/**
 * The one place that prints a command's result and sets the exit code. Expected failures come back
 * as results; anything thrown here is a usage error or a bug, and is reported in one line.
 */
export async function run(
  format: string | undefined,
  command: (context: RunContext) => Promise<CommandResult> | CommandResult,
  options: RunOptions = {},
): Promise<void> {
  const style = detectStyle();
  try {
    const formats = ["text", "json", ...(options.formats ?? [])];
    if (format !== undefined && !formats.includes(format)) throw new UsageError(`--format must be ${formatList(formats)}, not ${format}`);
    const result = await command({ format: format ?? "text", style });
    const output = format === "json" ? JSON.stringify(result.json, null, 2) : format && format !== "text" ? (result.outputs?.[format] ?? result.text) : result.text;
    if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    process.exitCode = exitCodeFor(result.outcome);
  } catch (cause) {
    const usage = cause instanceof UsageError;
    const message = usage ? cause.message : `internal error: ${(cause as Error)?.message ?? String(cause)}`;
    if (format === "json") process.stdout.write(`${JSON.stringify({ ok: false, outcome: "bad-input", diagnostics: [error(usage ? "usage" : "internal", message)] }, null, 2)}\n`);
    else process.stderr.write(`${formatDiagnostic(error(usage ? "usage" : "internal", message), style)}\n`);
    if (!usage && process.env.ZUJUAN_DEBUG) process.stderr.write(`${(cause as Error)?.stack ?? ""}\n`);
    process.exitCode = usage ? exitCodeFor("bad-input") : 70;
  }
}
