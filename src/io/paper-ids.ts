import { finding, type Diagnostic } from "../core/diagnostic.js";
import { paperSchema } from "../core/paper.js";
import { schemaDiagnostics } from "../core/schema-issues.js";
import { displayPath } from "./load-project.js";
import { readDocument } from "./read-document.js";
import { existsSync } from "node:fs";

/** The question ids used in earlier paper files (for --avoid): bank ids and inline ids alike. */
export function paperIdsFromFiles(files: readonly string[]): { ok: true; ids: Set<string> } | { ok: false; diagnostics: Diagnostic[] } {
  const ids = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const shown = displayPath(file);
    if (!existsSync(file)) {
      diagnostics.push(finding("missing-file", { kind: "paper", file: shown }));
      continue;
    }
    const read = readDocument(file, shown);
    if (!read.ok) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const parsed = paperSchema.safeParse(read.data);
    if (!parsed.success) {
      diagnostics.push(...schemaDiagnostics(parsed.error, read.data, { file: shown, path: [] }, "paper-schema"));
      continue;
    }
    for (const section of parsed.data.sections) {
      for (const q of section.questions) {
        const id = typeof q === "string" ? q : q.id;
        if (typeof id === "string") ids.add(id);
      }
    }
  }
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, ids };
}
