import type { Diagnostic, Location } from "../core/diagnostic.js";
import { formatMessage } from "./messages/index.js";
import type { Style } from "./style.js";
import { plural } from "./words.js";

export function formatLocation(l: Location | undefined): string {
  if (!l) return "";
  return l.line !== undefined ? `${l.file}:${l.line}:${l.col}` : l.file;
}

/** The finding's message with the other place it is about, as every output format shows it. */
export function describeFinding(d: Diagnostic, style: Pick<Style, "lang">): string {
  const message = formatMessage(d, style.lang);
  if (!d.related) return message;
  return style.lang === "zh" ? `${message}（首次出现于 ${formatLocation(d.related)}）` : `${message} (first at ${formatLocation(d.related)})`;
}

/** One line per finding: `file:line:col  error  message  [code]`. */
export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const c = style.color;
  const where = formatLocation(d.location);
  const zh = style.lang === "zh";
  const severity = d.severity === "error" ? c.red(zh ? "错误" : "error") : c.yellow(zh ? "警告" : "warning");
  return `${where ? `${c.cyan(where)}: ` : ""}${severity}${zh ? "：" : ": "}${describeFinding(d, style)} ${c.dim(`[${d.code}]`)}`;
}

/** Findings grouped by file, in the order they were found, with a closing count. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], style: Style): string {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const file = d.location?.file ?? "";
    groups.set(file, [...(groups.get(file) ?? []), d]);
  }
  const lines: string[] = [];
  for (const [file, list] of groups) {
    if (file) lines.push(style.color.bold.underline(file));
    const sorted = [...list].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
    lines.push(...sorted.map((d) => `${file ? "  " : ""}${formatDiagnostic(d, style)}`), "");
  }
  lines.push(summaryLine(diagnostics, style));
  return lines.join("\n");
}

export function summaryLine(diagnostics: readonly Diagnostic[], style: Style): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const zh = style.lang === "zh";
  if (diagnostics.length === 0) return style.color.green(zh ? "没有发现问题" : "no findings");
  const text = zh ? `${errors} 个错误，${warnings} 个警告` : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  return (errors ? style.color.red : style.color.yellow)(text);
}
