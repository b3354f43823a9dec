import jsYaml from "js-yaml";
import type { PaperFile } from "../core/paper.js";

/**
 * A paper file as plain, hand-editable YAML; the same input always gives the same bytes. js-yaml, which
 * the loader has already loaded, writes it: loading the `yaml` package as well would cost 0.15 s.
 */
export function paperYaml(file: PaperFile): string {
  const header = "# zujuan paper file: edit by hand if you like, then `zujuan validate` it.\n";
  return header + jsYaml.dump(file, { lineWidth: -1, noRefs: true });
}
