import { createRequire } from "node:module";

type Yaml = typeof import("yaml");
let yaml: Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: it is needed only to locate findings and explain syntax
 * errors, and loading it eagerly would slow every command's start.
 */
export function lazyYaml(): Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as Yaml;
  return yaml;
}
