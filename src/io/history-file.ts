import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import jsYaml from "js-yaml";
import type { Diagnostic } from "../core/diagnostic.js";
import { historySchema, type History } from "../core/history.js";
import { schemaDiagnostics } from "../core/schema-issues.js";
import { displayPath } from "./load-project.js";
import { readDocument } from "./read-document.js";
import { writeFileAtomic } from "./write-atomic.js";

/** The history file of a bank: beside its directory, `bank/10421-history.yaml` for `bank/10421/`. */
export function historyPathOf(bankDir: string): string {
  return join(dirname(bankDir), `${basename(bankDir)}-history.yaml`);
}

export function loadHistory(path: string): { ok: true; history: History } | { ok: false; diagnostics: Diagnostic[] } {
  if (!existsSync(path)) return { ok: true, history: { sittings: [] } };
  const shown = displayPath(path);
  const read = readDocument(path, shown);
  if (!read.ok) return read;
  const parsed = historySchema.safeParse(read.data ?? {});
  if (!parsed.success) return { ok: false, diagnostics: schemaDiagnostics(parsed.error, read.data, { file: shown, path: [] }, "history-schema") };
  return { ok: true, history: parsed.data };
}

export function writeHistory(path: string, history: History): void {
  const header = "# zujuan usage history: which questions were used in which sitting (zujuan record appends).\n";
  writeFileAtomic({ path, shown: displayPath(path), data: header + jsYaml.dump(history, { lineWidth: -1, noRefs: true }) });
}
