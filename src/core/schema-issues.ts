import type { z } from "zod";
import { at, finding, type Diagnostic, type Location } from "./diagnostic.js";
import { SCHEMA_PATTERNS, type FoundValue, type SchemaArgs, type SchemaExpectation, type SchemaPattern } from "./findings.js";

type SchemaCode = "schema" | "paper-schema" | "blueprint-schema" | "syllabus-schema" | "history-schema";
import { ALIAS_CLASH } from "./question-types.js";

function describe(value: unknown): FoundValue {
  if (value === undefined) return { kind: "nothing" };
  if (value === null) return { kind: "null" };
  if (Array.isArray(value)) return { kind: "list", length: value.length };
  if (typeof value === "object") return { kind: "mapping" };
  if (typeof value === "string") return { kind: "value", value: JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value) };
  return { kind: "value", value: String(value) };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function expected(issue: z.core.$ZodIssue): SchemaExpectation {
  switch (issue.code) {
    case "invalid_value": {
      return { kind: "one-of", values: issue.values.map((v) => String(v)) };
    }
    case "invalid_type":
      return issue.expected === "undefined" ? { kind: "no-field" } : { kind: "type", type: issue.expected };
    default:
      return { kind: "detail", detail: issue.message };
  }
}

/**
 * A union that no option accepts says only "Invalid input"; the option whose type matched says why
 * (knowledge_point: a list of ids, one of them a number). Its issues, with the union's path in front.
 */
function unionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const typeMismatch = (i: z.core.$ZodIssue) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_union") && i.message.startsWith("Invalid input");
  const branch = issue.errors.find((list) => list.length > 0 && !list.some(typeMismatch));
  if (!branch) return [issue];
  return branch.flatMap((i) => unionBranch({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

/**
 * Turns zod issues into located diagnostics that say what was expected and what was found.
 * `root` is the value that was parsed, so the offending value can be shown.
 */
export function schemaDiagnostics(zodError: z.ZodError, root: unknown, base: Location, code: SchemaCode = "schema"): Diagnostic[] {
  return zodError.issues.flatMap(unionBranch).map((issue) => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    return finding(code, schemaArgs(issue, root, path.join(".")), at(base, ...path));
  });
}

/** The named pattern (limits.ts `matching`) a text or a mapping's key failed, if that is what failed. */
function patternOf(issue: z.core.$ZodIssue): SchemaPattern | undefined {
  const inner = issue.code === "invalid_key" ? issue.issues[0] : issue;
  if (inner?.code !== "invalid_format") return undefined;
  return (SCHEMA_PATTERNS as readonly string[]).includes(inner.message) ? (inner.message as SchemaPattern) : undefined;
}

function schemaArgs(issue: z.core.$ZodIssue, root: unknown, where: string): SchemaArgs {
  // A whole document of the wrong kind (a path pointing at some other file) is not echoed.
  const value = valueAt(root, issue.path);
  const found: FoundValue = issue.path.length === 0 && typeof value === "string" ? { kind: "text-document" } : describe(value);
  if (issue.path.length === 0 && (value === undefined || value === null)) return { path: where, problem: "empty-document" };
  if (issue.code === "unrecognized_keys") {
    // Chinese text cut by an ASCII comma inside {…} or […] turns into a stray key: say so.
    return { path: where, problem: "unknown-fields", keys: issue.keys, splitText: issue.keys.some((k) => /[\u4e00-\u9fff]/.test(k)) };
  }
  if (issue.code === "custom" && issue.message === ALIAS_CLASH) {
    const params = issue.params as { spelling: string; types: string[] };
    return { path: where, problem: "alias-clash", spelling: params.spelling, types: params.types };
  }
  const pattern = patternOf(issue);
  if (pattern) return { path: where, problem: "pattern", pattern, key: issue.code === "invalid_key", found };
  if ((issue.code === "too_small" || issue.code === "too_big") && issue.origin === "array" && issue.message === "options") {
    return { path: where, problem: "options", side: issue.code === "too_small" ? "min" : "max", limit: Number(issue.code === "too_small" ? issue.minimum : issue.maximum), found };
  }
  if (issue.code === "too_small" && issue.origin === "number") return { path: where, problem: "at-least", limit: Number(issue.minimum), inclusive: issue.inclusive === true, found };
  if (issue.code === "too_big" && issue.origin === "number") return { path: where, problem: "at-most", limit: Number(issue.maximum), found };
  if (issue.code === "invalid_type" && issue.expected === "int" && found.kind === "value") return { path: where, problem: "whole-number", found };
  if (issue.code === "invalid_type" && issue.expected === "string" && typeof value === "number") return { path: where, problem: "quote-number", value: String(value) };
  if (issue.code === "invalid_type" && found.kind !== "nothing" && !issue.message.startsWith("Invalid input")) {
    // A message of the schema's own.
    return /\bfound\b/.test(issue.message) ? { path: where, problem: "other", detail: issue.message } : { path: where, problem: "other", detail: issue.message, found };
  }
  if ((issue.code === "invalid_type" || issue.code === "invalid_value") && found.kind === "nothing") return { path: where, problem: "missing", expected: expected(issue) };
  if (issue.code === "invalid_type" || issue.code === "invalid_value") return { path: where, problem: "expected", expected: expected(issue), found };
  return { path: where, problem: "other", detail: issue.message, found };
}
