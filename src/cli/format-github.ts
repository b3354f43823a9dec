import type { CoverageReport } from "../core/coverage/index.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { runsOutLabel } from "./messages/capacity.js";
import { requirementMessage } from "./messages/requirements.js";
import { describeFinding } from "./format-diagnostics.js";

// GitHub workflow commands: data escapes %, CR and LF; property values also ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error file=…,line=…,col=…,title=…::message`, or `::warning …` for a warning: GitHub shows it on the line. */
export function annotateDiagnostic(d: Diagnostic): string {
  const command = d.severity === "error" ? "error" : "warning";
  const l = d.location;
  const properties = [
    ...(l?.file ? [`file=${escapeProperty(l.file)}`] : []),
    ...(l?.line !== undefined ? [`line=${l.line}`] : []),
    ...(l?.col !== undefined ? [`col=${l.col}`] : []),
    `title=${escapeProperty(d.code)}`,
  ];
  return `::${command} ${properties.join(",")}::${escapeData(describeFinding(d, { lang: "en" }))}`;
}

/** Lint findings on their lines, each unmet requirement as an error, the capacity as a notice. */
export function formatGithub(report: CoverageReport, located: readonly Diagnostic[]): string {
  const cap = report.capacity;
  const count = cap.exact ? String(cap.papers) : `at least ${cap.papers} (at most ${cap.atMost})`;
  const unmet = report.requirements.filter((r) => !r.met);
  return [
    ...located.map(annotateDiagnostic),
    ...unmet.map((r) => `::error::${escapeData(`coverage: ${requirementMessage(r, "en")}`)}`),
    `::notice::${escapeData(`capacity: the bank supplies ${count} pairwise-disjoint papers (${report.minPapers} wanted); runs out first at ${cap.papers + 1}: ${cap.runsOut.map((r) => runsOutLabel(r, "en")).join(", ")}`)}`,
    unmet.length ? `coverage: ${unmet.length} requirement${unmet.length === 1 ? "" : "s"} unmet` : "coverage: every requirement met",
  ].join("\n");
}

export function githubInputError(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(annotateDiagnostic).join("\n");
}
