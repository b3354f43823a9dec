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
export function schemaDiagnostics(
  zodError: z.ZodError,
  root: unknown,
  base: Location,
  code = "schema",
): Diagnostic[] {
  return zodError.issues.flatMap(unionBranch).map((issue) => {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    const where = path.length ? path.join(".") : "(document)";
    // A whole document of the wrong kind (a path pointing at some other file) is not echoed.
    const value = valueAt(root, issue.path);
    const found = issue.path.length === 0 && typeof value === "string" ? "text" : describe(value);
    let message: string;
    if (issue.path.length === 0 && (value === undefined || value === null)) {
      message = "(document): the file is empty (expected a mapping)";
    } else if (issue.code === "unrecognized_keys") {
      message = `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      // Chinese text cut by an ASCII comma inside {…} or […] turns into a stray key: say so.
      if (issue.keys.some((k) => /[\u4e00-\u9fff]/.test(k))) message += " (an ASCII ',' inside a {…} or […] splits the text: quote it or use '，')";
    } else if (issue.code === "invalid_type" && found !== "nothing" && !issue.message.startsWith("Invalid input")) {
      // A message of the schema's own (quotedText: quote a number that must be text).
      message = /\bfound\b/.test(issue.message) ? `${where}: ${issue.message}` : `${where}: ${issue.message} (found ${found})`;
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
