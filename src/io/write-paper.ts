import { lazyYaml } from "./lazy-yaml.js";
import type { PaperFile } from "../core/paper.js";

/** A paper file as plain, hand-editable YAML; the same input always gives the same bytes. */
export function paperYaml(file: PaperFile): string {
  const header = "# zujuan paper file: edit by hand if you like, then `zujuan validate` it.\n";
  const body = lazyYaml().stringify(file, { lineWidth: 0, flowCollectionPadding: false });
  return header + body;
}
