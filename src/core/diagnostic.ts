/** Where a finding is: a file and a path inside its document; line and column when known. */
export interface Location {
  file: string;
  path: (string | number)[];
  line?: number;
  col?: number;
}

export type Severity = "error" | "warning";

/** Every finding zujuan reports is data of this shape; formatting lives in the CLI. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  location?: Location;
  /** Another place the finding is about, e.g. where a duplicated id was first used. */
  related?: Location;
  /** The finding's particulars as data, for scripts (item-writing checks). */
  args?: Record<string, unknown>;
}

export function error(code: string, message: string, location?: Location): Diagnostic {
  return location ? { code, severity: "error", message, location } : { code, severity: "error", message };
}

export function warning(code: string, message: string, location?: Location): Diagnostic {
  return location ? { code, severity: "warning", message, location } : { code, severity: "warning", message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function at(location: Location, ...more: (string | number)[]): Location {
  return { file: location.file, path: [...location.path, ...more] };
}
