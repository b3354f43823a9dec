import type { Diagnostic, Location } from "../core/diagnostic.js";
import type { Style } from "./style.js";

export function formatLocation(l: Location | undefined): string {
  if (!l) return "";
  return l.line !== undefined ? `${l.file}:${l.line}:${l.col}` : l.file;
}

/** The finding's message with the other place it is about, as every output format shows it. */
export function describeFinding(d: Diagnostic): string {
  return d.related ? `${d.message} (first at ${formatLocation(d.related)})` : d.message;
}

/** One line per finding: `file:line:col  error  message  [code]`. */
export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const c = style.color;
  const where = formatLocation(d.location);
  const severity = d.severity === "error" ? c.red("error") : c.yellow("warning");
  return `${where ? `${c.cyan(where)}: ` : ""}${severity}: ${describeFinding(d)} ${c.dim(`[${d.code}]`)}`;
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
  if (diagnostics.length === 0) return style.color.green("no findings");
  const parts = [`${errors} error${errors === 1 ? "" : "s"}`, `${warnings} warning${warnings === 1 ? "" : "s"}`];
  return (errors ? style.color.red : style.color.yellow)(parts.join(", "));
}
