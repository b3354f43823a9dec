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

/** A run of text as drawn, with its position in points from the top left of its page. */
export interface PlacedText {
  page: number;
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  height: number;
}

/** Every text run of every page with its position (pages counted from 1). */
export async function pdfRuns(data: Uint8Array): Promise<PlacedText[]> {
  const pdf = await getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const runs: PlacedText[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const top = page.view[3]!;
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!("str" in item) || item.str === "") continue;
        runs.push({ page: n, text: item.str, x: item.transform[4], y: top - item.transform[5], width: item.width, height: item.height });
      }
    }
    return runs;
  } finally {
    await pdf.destroy();
  }
}

/** Runs grouped into printed lines: same page, baselines within half a point, left to right. */
export function printedLines(runs: readonly PlacedText[]): { page: number; y: number; runs: PlacedText[]; text: string }[] {
  const lines: { page: number; y: number; runs: PlacedText[]; text: string }[] = [];
  for (const run of runs) {
    const line = lines.find((l) => l.page === run.page && Math.abs(l.y - run.y) < 0.5);
    if (line) line.runs.push(run);
    else lines.push({ page: run.page, y: run.y, runs: [run], text: "" });
  }
  for (const line of lines) {
    line.runs.sort((a, b) => a.x - b.x);
    line.text = squash(line.runs.map((r) => r.text).join(""));
  }
  return lines.sort((a, b) => a.page - b.page || a.y - b.y);
}

/** Width and height of each page, in points. */
export async function pdfPageSizes(data: Uint8Array): Promise<{ width: number; height: number }[]> {
  const pdf = await getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const sizes: { width: number; height: number }[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const [x0, y0, x1, y1] = (await pdf.getPage(n)).view as [number, number, number, number];
      sizes.push({ width: x1 - x0, height: y1 - y0 });
    }
    return sizes;
  } finally {
    await pdf.destroy();
  }
}
