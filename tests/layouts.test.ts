// Paper shapes: A4 portrait, A3 and B4 landscape in two columns, with the 密封线 strip in in-paper mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble, type AssembledForm } from "../src/core/assemble/assemble.js";
import type { Blueprint } from "../src/core/blueprint.js";
import { paperItems } from "../src/core/paper.js";
import type { Project } from "../src/io/load-project.js";
import { renderPdfs } from "../src/io/render/index.js";
import { HighsSolver } from "../src/solver/highs.js";
import { pdfPageSizes, pdfRuns, squash, type PlacedText } from "./helpers/pdf-text.js";
import { bundledProject } from "./helpers/bundled.js";

const solver = new HighsSolver();
let project: Project;
let form: AssembledForm;

const shaped = (patch: Partial<Blueprint["paper"]>): Blueprint => ({ ...project.blueprint, paper: { ...project.blueprint.paper, ...patch } });

async function paperPdf(blueprint: Blueprint): Promise<Uint8Array> {
  const result = await renderPdfs({ paper: form.paper, spec: form.report.spec, blueprint, syllabus: project.syllabus, kinds: ["paper"] });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.pdfs[0]!.bytes;
}

const FOOTER = /^10421#客户服务管理试卷第(\d+)页（共(\d+)页）$/;

/** The footers in page order (sheet, then left to right), as [page, of] with their x. */
function footers(runs: readonly PlacedText[]): { page: number; of: number; sheet: number; x: number }[] {
  return runs.flatMap((r) => {
    const m = FOOTER.exec(squash(r.text));
    return m ? [{ page: Number(m[1]), of: Number(m[2]), sheet: r.page, x: r.x }] : [];
  });
}

beforeAll(async () => {
  project = bundledProject();
  const result = await assemble(project.bank, project.blueprint, project.syllabus, { seed: 4, solver });
  if (!result.ok) throw new Error("no paper for seed 4");
  form = result.forms[0]!;
});

afterAll(() => solver.close());

describe("paper shapes", () => {
  it("A4 is portrait, one column, every page numbered in order", async () => {
    const bytes = await paperPdf(project.blueprint);
    const sizes = await pdfPageSizes(bytes);
    expect(sizes.every((s) => Math.round(s.width) === 595 && Math.round(s.height) === 842)).toBe(true);
    const found = footers(await pdfRuns(bytes));
    expect(found.map((f) => f.page)).toEqual(sizes.map((_, i) => i + 1));
    expect(found.every((f) => f.of === sizes.length && f.sheet === f.page)).toBe(true);
  });

  for (const [size, width, height] of [["A3", 1191, 842], ["B4", 1001, 709]] as const) {
    it(`${size} in-paper is landscape in two columns, each numbered as a page, with the 密封线 strip on every sheet`, async () => {
      const bytes = await paperPdf(shaped({ page: size, answer_mode: "in-paper" }));
      const sizes = await pdfPageSizes(bytes);
      expect(sizes.every((s) => Math.round(s.width) === width && Math.round(s.height) === height)).toBe(true);
      const runs = await pdfRuns(bytes);
      const found = footers(runs);
      // Page numbers run 1…N over the columns, two to a sheet (the last may hold one), left then right.
      expect(found.map((f) => f.page)).toEqual(found.map((_, i) => i + 1));
      expect(found.every((f) => f.of === found.length)).toBe(true);
      expect(found.length).toBeGreaterThanOrEqual(2 * sizes.length - 1);
      for (const f of found) expect(f.x > width / 2, `footer ${f.page}`).toBe(f.page % 2 === 0);
      // Questions in both columns: the last question of the paper in a right-hand column or on a later sheet.
      const numbers = runs.filter((r) => /^\d+\.$/.test(r.text.trim()));
      expect(numbers.some((r) => r.x > width / 2)).toBe(true);
      expect(numbers.filter((r) => r.text.trim() === `${paperItems(form.paper).length}.`).length).toBe(1);
      for (let sheet = 1; sheet <= sizes.length; sheet++) {
        const onSheet = squash(runs.filter((r) => r.page === sheet).map((r) => r.text).join(""));
        for (const s of ["密封线内不要答题", "姓名：", "准考证号："]) expect(onSheet, `sheet ${sheet}`).toContain(s);
      }
      // Nothing of the paper is printed in the strip.
      const stripEdge = 56.69 + 64 - 14;
      expect(runs.filter((r) => r.x < stripEdge && !/密|封|线|姓名|准考证号/.test(r.text) && r.text.trim()).map((r) => r.text)).toEqual([]);
    });
  }

  it("A3 in sheet mode has two columns and no 密封线 (nothing is written on the paper)", async () => {
    const bytes = await paperPdf(shaped({ page: "A3" }));
    const runs = await pdfRuns(bytes);
    expect(squash(runs.map((r) => r.text).join(""))).not.toContain("密封线");
    expect(footers(runs).length).toBeGreaterThan((await pdfPageSizes(bytes)).length);
  });

  it("gives the same bytes for the same paper and shape", async () => {
    const blueprint = shaped({ page: "A3", answer_mode: "in-paper" });
    expect(Buffer.from(await paperPdf(blueprint)).equals(Buffer.from(await paperPdf(blueprint)))).toBe(true);
  });
});
