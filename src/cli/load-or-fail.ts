import type { Diagnostic } from "../core/diagnostic.js";
import { hasErrors } from "../core/diagnostic.js";
import { locateDiagnostics } from "../io/locate.js";
import { badInput, type CommandResult } from "./command-result.js";
import { formatDiagnostics } from "./format-diagnostics.js";
import type { Style } from "./style.js";

/** A bank with errors is unusable for assembly: say so with every finding, exit 2. */
export function refuseBrokenBank(diagnostics: readonly Diagnostic[], style: Style): CommandResult | undefined {
  if (!hasErrors(diagnostics)) return undefined;
  const located = locateDiagnostics(diagnostics);
  const errors = located.filter((d) => d.severity === "error");
  return badInput(located, `${formatDiagnostics(errors, style)}\nthe bank has ${errors.length} error${errors.length === 1 ? "" : "s"}: fix them first (zujuan lint shows them all)`);
}

export function unusable(diagnostics: readonly Diagnostic[], style: Style): CommandResult {
  const located = locateDiagnostics(diagnostics);
  return badInput(located, formatDiagnostics(located, style));
}
