import { finding, type Diagnostic } from "../core/diagnostic.js";
import { isFindingCode } from "../core/findings.js";
import { isErrnoError, meaningOf, Refusal } from "../io/fs-errors.js";
import { displayPath } from "../io/load-project.js";
import type { CommandResult } from "./command-result.js";
import { exitCodeFor } from "./exit-code.js";
import { formatDiagnostic } from "./format-diagnostics.js";
import { isLang, langFromEnv, requestedLang } from "./lang.js";
import type { RuleCheck } from "../core/validate.js";
import type { Requirement } from "../core/coverage/index.js";
import { checkLabel } from "./messages/checks.js";
import { requirementLabel, requirementMessage } from "./messages/requirements.js";
import { formatMessage, type Lang } from "./messages/index.js";
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
  const lang = requestedLang();
  const style = detectStyle(lang !== undefined && isLang(lang) ? lang : langFromEnv(process.env));
  try {
    if (lang !== undefined && !isLang(lang)) throw new UsageError(`--lang must be zh or en, not ${lang}`);
    const formats = ["text", "json", ...(options.formats ?? [])];
    if (format !== undefined && !formats.includes(format)) throw new UsageError(`--format must be ${formatList(formats)}, not ${format}`);
    const result = await command({ format: format ?? "text", style });
    const output = format === "json" ? JSON.stringify(result.json, withMessages(style.lang), 2) : format && format !== "text" ? (result.outputs?.[format] ?? result.text) : result.text;
    if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    process.exitCode = exitCodeFor(result.outcome);
  } catch (cause) {
    const { code, message } = describeThrown(cause);
    const outcome = code === "internal" ? "internal" : "bad-input";
    const problem = finding(code, { detail: message });
    if (format === "json") process.stdout.write(`${JSON.stringify({ ok: false, outcome, diagnostics: [problem] }, withMessages(style.lang), 2)}\n`);
    else process.stderr.write(`${formatDiagnostic(problem, style)}\n`);
    if (outcome === "internal" && process.env.ZUJUAN_DEBUG) process.stderr.write(`${(cause as Error)?.stack ?? ""}\n`);
    process.exitCode = exitCodeFor(outcome);
  }
}

/**
 * A thrown error in one line: a usage mistake, a refused or failed file operation (exit 2, naming the
 * path as the user wrote it), or else a bug (exit 70).
 */
function describeThrown(cause: unknown): { code: "usage" | "file" | "internal"; message: string } {
  if (cause instanceof UsageError) return { code: "usage", message: cause.message };
  if (cause instanceof Refusal) return { code: "file", message: cause.message };
  if (isErrnoError(cause)) {
    const where = cause.path ? `cannot ${cause.syscall ?? "use"} ${displayPath(cause.path)}: ` : "";
    return { code: "file", message: `${where}${meaningOf(cause.code)} (${cause.code})` };
  }
  const text = String((cause as Error)?.message ?? cause).split("\n")[0];
  return { code: "internal", message: text ?? "" };
}

function isFinding(value: unknown): value is Diagnostic {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && isFindingCode(v.code) && (v.severity === "error" || v.severity === "warning") && typeof v.args === "object";
}

function isRequirement(value: unknown): value is Requirement {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.met === "boolean" && typeof v.unit === "string" && typeof (v.subject as { rule?: unknown } | undefined)?.rule === "string";
}

function isRuleCheck(value: unknown): value is RuleCheck {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.unit === "string" && typeof v.status === "string" && typeof (v.subject as { rule?: unknown } | undefined)?.rule === "string";
}

/**
 * JSON carries each finding's code and arguments (and each rule check's subject and numbers) for
 * scripts, and their words in the chosen language for people reading it: the text output's formatter.
 */
function withMessages(lang: Lang): (key: string, value: unknown) => unknown {
  return (_key, value) => {
    if (isFinding(value)) {
      const { code, severity, ...rest } = value;
      return { code, severity, message: formatMessage(value, lang), ...rest };
    }
    if (isRequirement(value)) {
      const { id, ...rest } = value;
      return value.met ? { id, label: requirementLabel(value, lang), ...rest } : { id, label: requirementLabel(value, lang), message: requirementMessage(value, lang), ...rest };
    }
    if (isRuleCheck(value)) {
      const { id, ...rest } = value;
      return { id, label: checkLabel(value.subject, lang), ...rest };
    }
    return value;
  };
}
