import { UsageError } from "./run.js";

/** What `--to` may name: the print-ready PDFs, the editable Word documents, or both. */
export type OutputFormat = "pdf" | "docx";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["pdf", "docx"];

/** Parses `--to pdf,docx`; PDF alone when the option is not given. */
export function formatsFrom(to: string | undefined): OutputFormat[] {
  if (to === undefined) return ["pdf"];
  const asked = to.split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = asked.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || asked.length === 0) throw new UsageError(`--to takes ${OUTPUT_FORMATS.join(", ")} (comma-separated), not ${to}`);
  return OUTPUT_FORMATS.filter((f) => asked.includes(f));
}
