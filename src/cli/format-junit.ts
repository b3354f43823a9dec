import type { Requirement } from "../core/coverage/index.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { requirementActual, requirementExpected, requirementLabel, requirementMessage } from "./messages/requirements.js";
import { describeFinding, formatLocation } from "./format-diagnostics.js";

// Characters XML 1.0 cannot hold at all, even escaped.
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface JUnitCase {
  classname: string;
  name: string;
  seconds?: number;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
  output?: string;
}

function testcase(t: JUnitCase): string {
  const attributes = `classname="${xmlEscape(t.classname)}" name="${xmlEscape(t.name)}" time="${(t.seconds ?? 0).toFixed(3)}"`;
  const inner: string[] = [];
  for (const [tag, problem] of [["failure", t.failure], ["error", t.error]] as const) {
    if (problem) inner.push(`      <${tag} message="${xmlEscape(problem.message)}" type="${xmlEscape(problem.type)}">${xmlEscape(problem.body)}</${tag}>`);
  }
  if (t.output) inner.push(`      <system-out>${xmlEscape(t.output)}</system-out>`);
  return inner.length ? `    <testcase ${attributes}>\n${inner.join("\n")}\n    </testcase>` : `    <testcase ${attributes}/>`;
}

/** A JUnit XML document of one suite, as CI dashboards (GitHub, GitLab, Jenkins) read it. */
export function junitDocument(suite: string, cases: readonly JUnitCase[], properties: Record<string, string | number> = {}): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const seconds = cases.reduce((s, c) => s + (c.seconds ?? 0), 0).toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" time="${seconds}"`;
  const props = Object.entries(properties).map(([k, v]) => `      <property name="${xmlEscape(k)}" value="${xmlEscape(String(v))}"/>`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlEscape(suite)}" ${counts}>`,
    `  <testsuite name="${xmlEscape(suite)}" ${counts}>`,
    ...(props.length ? ["    <properties>", ...props, "    </properties>"] : []),
    ...cases.map(testcase),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/** One testcase per requirement; an unmet one fails with its message. */
export function requirementCases(requirements: readonly Requirement[], details: Partial<Record<string, { seconds?: number; output?: string }>> = {}): JUnitCase[] {
  return requirements.map((r) => {
    const extra = details[r.id] ?? {};
    const t: JUnitCase = { classname: `zujuan.coverage.${r.group}`, name: requirementLabel(r, "en"), ...extra };
    const message = requirementMessage(r, "en");
    if (!r.met) t.failure = { message, type: r.group, body: `expected ${requirementExpected(r, "en")}, found ${requirementActual(r, "en")}\n${message}` };
    return t;
  });
}

/** Unusable input: one testcase in error, naming every finding, so the dashboard shows why nothing ran. */
export function junitInputError(suite: string, diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const where = formatLocation(d.location);
    return `${where ? `${where}: ` : ""}${d.severity}: ${describeFinding(d, { lang: "en" })} [${d.code}]`;
  });
  return junitDocument(suite, [
    { classname: "zujuan.coverage.input", name: "bank, blueprint and syllabus load", error: { message: lines[0] ?? "unusable input", type: "bad-input", body: lines.join("\n") } },
  ]);
}
