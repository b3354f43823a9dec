import { FINDINGS, type FindingArgs, type FindingCode } from "./findings.js";

/** Where a finding is: a file and a path inside its document; line and column when known. */
export interface Location {
  file: string;
  path: (string | number)[];
  line?: number;
  col?: number;
}

export type Severity = "error" | "warning";

/** One finding of a given code: its typed arguments, where it is, and how grave. */
export interface FindingOf<C extends FindingCode> {
  code: C;
  severity: Severity;
  args: FindingArgs<C>;
  location?: Location;
  /** Another place the finding is about, e.g. where a duplicated id was first used. */
  related?: Location;
}

/**
 * Every finding zujuan reports is data of this shape: a code of the registry (findings.ts) and its
 * arguments. The sentences are made outside the core (src/cli/messages), in the user's language.
 */
export type Diagnostic = { [C in FindingCode]: FindingOf<C> }[FindingCode];

/** A finding with its code's default severity. */
export function finding<C extends FindingCode>(code: C, args: FindingArgs<C>, location?: Location): Diagnostic {
  const made: FindingOf<C> = { code, severity: FINDINGS[code].severity, args };
  if (location) made.location = location;
  return made as unknown as Diagnostic;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function at(location: Location, ...more: (string | number)[]): Location {
  return { file: location.file, path: [...location.path, ...more] };
}
