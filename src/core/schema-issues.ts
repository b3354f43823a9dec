import type { z } from "zod";
import { at, error, type Diagnostic, type Location } from "./diagnostic.js";
import { ALIAS_SPELLINGS } from "./vocabulary.js";

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value": {
      // Aliases are accepted but not advertised: only the canonical spellings are listed.
      const values = issue.values.map((v) => String(v));
      const canonical = values.filter((v) => !ALIAS_SPELLINGS.has(v));
      return `one of ${(canonical.length ? canonical : values).join(", ")}`;
    }
    case "invalid_type":
      return issue.expected === "undefined" ? "no such field" : issue.expected;
    case "too_small":
    case "too_big":
    case "invalid_format":
    case "custom":
    default:
      return issue.message;
  }
}

/**
 * Turns zod issues into located diagnostics that say what was expected and what was found.
 * `root` is the value that was parsed, so the offending value can be shown.
 */
export function schemaDiagnostics(
  zodError: z.ZodError,
  root: unknown,
  base: Location,
  code = "schema",
): Diagnostic[] {
  return zodError.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    const where = path.length ? path.join(".") : "(document)";
    const found = describe(valueAt(root, issue.path));
    let message: string;
    if (issue.code === "unrecognized_keys") {
      message = `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      // Chinese text cut by an ASCII comma inside {…} or […] turns into a stray key: say so.
      if (issue.keys.some((k) => /[\u4e00-\u9fff]/.test(k))) message += " (an ASCII ',' inside a {…} or […] splits the text: quote it or use '，')";
    } else if ((issue.code === "invalid_type" || issue.code === "invalid_value") && found === "nothing") {
      message = `${where}: required field missing (expected ${expected(issue)})`;
    } else if (issue.code === "invalid_type" || issue.code === "invalid_value") {
      message = `${where}: expected ${expected(issue)}, found ${found}`;
    } else {
      message = `${where}: ${issue.message} (found ${found})`;
    }
    return error(code, message, at(base, ...path));
  });
}
