import type { Diagnostic } from "../core/diagnostic.js";
import { lazyYaml } from "./lazy-yaml.js";
import { locateWith, textResolver, type Resolver } from "./locate-text.js";
import { readInputBytes } from "./read-input.js";

/** Fills in line and column of diagnostics that carry a file and a path, reading and parsing each file once. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return locateWith(diagnostics, resolverFor);
}

function resolverFor(file: string): Resolver {
  // Never a FIFO or a device: the finding may be about exactly that.
  const read = readInputBytes(file, file);
  if (!read.ok) return () => undefined;
  return textResolver(read.bytes.toString("utf8"), lazyYaml);
}
