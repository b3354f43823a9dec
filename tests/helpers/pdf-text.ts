import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of each page of a PDF, in drawing order, with all whitespace removed (CJK has none to keep). */
export async function pdfPages(data: Uint8Array, password?: string): Promise<string[]> {
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const params: Parameters<typeof getDocument>[0] = { data: new Uint8Array(data), verbosity: 0, isEvalSupported: false };
  if (password !== undefined) params.password = password;
  const pdf = await getDocument(params).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(squash(content.items.map((item) => ("str" in item ? item.str : "")).join("")));
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** Text with whitespace removed, to compare with what a PDF gives back. */
export function squash(text: string): string {
  return text.replace(/\s+/g, "");
}
