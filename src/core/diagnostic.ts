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
  if (location) made.location = location instanceof ListedLocation ? { file: location.file, path: location.path } : location;
  return made as unknown as Diagnostic;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function at(location: Location, ...more: (string | number)[]): Location {
  return { file: location.file, path: [...location.path, ...more] };
}

/**
 * The place of one item of a list, e.g. question 7 of a bank file: its path is made when it is read.
 * A bank keeps one per question; 50,000 path arrays cost more to allocate, keep and collect than the
 * rest of the origins together. A finding is given a plain copy (see `finding`).
 */
class ListedLocation implements Location {
  readonly #list: readonly (string | number)[];
  readonly #index: number;

  constructor(
    readonly file: string,
    list: readonly (string | number)[],
    index: number,
  ) {
    this.#list = list;
    this.#index = index;
  }

  get path(): (string | number)[] {
    return [...this.#list, this.#index];
  }

  toJSON(): Location {
    return { file: this.file, path: this.path };
  }
}

/** `at(list, index)` for one item of a list: the same place, its path made when read. */
export function listedAt(list: Location, index: number): Location {
  return new ListedLocation(list.file, list.path, index);
}
