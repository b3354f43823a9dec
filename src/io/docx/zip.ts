// The docx package stamps core.xml with the time of packing and the zip entries with the time of day;
// both are replaced here so that the same input always gives the same bytes.
import { unzipSync, zipSync, type Zippable } from "fflate";

/** The date every document records, as in the PDFs. */
export const FIXED_DATE = "2000-01-01T00:00:00Z";
// fflate writes DOS times from the local-time fields of the date, so the date is built from local
// fields too: the entries read 2000-01-01 00:00 in every time zone.
const ENTRY_DATE = new Date(2000, 0, 1, 0, 0, 0);

const STAMPS = /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g;

/** Re-packs a .docx with fixed document dates and entry times, entries in their original order. */
export function deterministicDocx(packed: Uint8Array): Uint8Array {
  const entries = unzipSync(packed);
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    const content = name === "docProps/core.xml" ? new TextEncoder().encode(new TextDecoder().decode(data).replace(STAMPS, `$1${FIXED_DATE}$2`)) : data;
    files[name] = [content, { mtime: ENTRY_DATE, level: 6 }];
  }
  return zipSync(files);
}
