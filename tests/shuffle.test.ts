import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { indexBank } from "../src/core/bank.js";
import { paperItems, resolvePaper, type PaperFile } from "../src/core/paper.js";
import { shuffleNewOptions, shufflePaperFile, withOptionOrder } from "../src/core/shuffle.js";
import { loadPaper } from "../src/io/load-paper.js";
import { makeBank, rawQuestion, CATALOGUE_10421 } from "./helpers/builders.js";
import { readText, runCli, tempDir } from "./helpers/cli.js";
import { pdfPages, squash } from "./helpers/pdf-text.js";

const bank = makeBank([
  rawQuestion("单项选择题", { id: "sc1", options: ["甲", "乙", "丙", "丁"], answer: "A" }),
  rawQuestion("单项选择题", { id: "sc2", options: ["一", "二", "三", "四"], answer: "D", shuffle: false }),
  rawQuestion("多项选择题", { id: "mc1", options: ["子", "丑", "寅", "卯", "辰"], answer: "ABE" }),
  rawQuestion("简答题", { id: "s1" }),
]);
const byId = indexBank(bank);
const file: PaperFile = {
  form: "A",
  sections: [
    { type: "单项选择题", points_each: 1, questions: ["sc1", "sc2"] },
    { type: "多项选择题", points_each: 2, questions: ["mc1"] },
    { type: "简答题", points_each: 5, questions: ["s1"] },
  ],
};

describe("option order", () => {
  it("prints the named original option first and moves the answer with it", () => {
    const q = withOptionOrder(byId.get("sc1")!, ["C", "A", "D", "B"]);
    expect(q).toMatchObject({ options: ["丙", "甲", "丁", "乙"], answer: "B" });
    const m = withOptionOrder(byId.get("mc1")!, ["E", "D", "C", "B", "A"]);
    expect(m).toMatchObject({ options: ["辰", "卯", "寅", "丑", "子"], answer: "ADE" });
  });

  it("is read back from the paper file, and a broken one is a located finding", () => {
    const { paper, diagnostics } = resolvePaper({ ...file, options_order: { sc1: ["B", "A", "C", "D"] } }, byId, { file: "p.yaml", path: [] }, CATALOGUE_10421);
    expect(diagnostics).toEqual([]);
    expect(paper.sections[0]!.questions[0]).toMatchObject({ options: ["乙", "甲", "丙", "丁"], answer: "B" });
    const broken = resolvePaper({ ...file, options_order: { sc1: ["A", "A", "C", "D"], s1: ["A"] } }, byId, { file: "p.yaml", path: [] }, CATALOGUE_10421);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(["options-order-invalid", "options-order-not-choice"]);
  });
});

describe("shufflePaperFile", () => {
  it("gives the same shuffle for the same seed and form, another for another form, and leaves shuffle: false alone", () => {
    const a = shufflePaperFile(file, byId, 5, ["options", "questions"]);
    expect(shufflePaperFile(file, byId, 5, ["options", "questions"])).toEqual(a);
    expect(a.options_order?.sc2).toBeUndefined();
    const orders = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      for (const form of ["A", "B"]) orders.add(JSON.stringify(shufflePaperFile({ ...file, form }, byId, seed, ["options"]).options_order ?? {}));
    }
    expect(orders.size).toBeGreaterThan(6);
    const sections = new Set<string>();
    for (let seed = 1; seed <= 8; seed++) sections.add(JSON.stringify(shufflePaperFile(file, byId, seed, ["questions"]).sections[0]!.questions));
    expect(sections).toEqual(new Set([JSON.stringify(["sc1", "sc2"]), JSON.stringify(["sc2", "sc1"])]));
  });
});

describe("shuffleNewOptions (换题 in a shuffled form)", () => {
  it("gives a new choice question an order of its own, keeps the others' orders, and leaves an unshuffled paper alone", () => {
    const shuffledFile = { ...file, options_order: { sc1: ["B", "A", "C", "D"] } };
    const orders = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const next = shuffleNewOptions(shuffledFile, ["mc1", "sc2", "s1"], byId, seed);
      expect(next.options_order?.sc1).toEqual(["B", "A", "C", "D"]);
      expect(next.options_order?.sc2).toBeUndefined();
      expect(next.options_order?.s1).toBeUndefined();
      orders.add(JSON.stringify(next.options_order?.mc1));
    }
    expect(orders.size).toBeGreaterThan(1);
    expect(shuffleNewOptions(file, ["mc1"], byId, 1)).toBe(file);
  });
});

describe("generate --shuffle (end to end, PDFs read back)", () => {
  it("prints in each form's key the answers of its own option order, and the same seed gives the same files", async () => {
    const out = tempDir();
    const run = await runCli(["generate", "--seed", "7", "--forms", "2", "--shuffle", "options", "--out", out]);
    expect(run.code).toBe(0);
    for (const form of ["A", "B"]) {
      const loaded = loadPaper(join(out, `10421-${form}.yaml`), {});
      if (!loaded.ok) throw new Error("paper does not load");
      expect(Object.keys(loaded.file.options_order ?? {}).length).toBeGreaterThan(10);
      const items = paperItems(loaded.paper).filter(({ question }) => question.type === "单项选择题" || question.type === "多项选择题");
      const key = items.map(({ question }) => (question as { answer: string }).answer).join("");
      const answers = squash((await pdfPages(readFileSync(join(out, `10421-${form}-answers.pdf`)))).join(""));
      const printed = [...answers.matchAll(/答案([A-E]+)/g)].map((m) => m[1]).join("");
      expect(printed.startsWith(key)).toBe(true);
      // The paper prints the first choice question's options in the shuffled order.
      const first = items[0]!.question as { options: string[] };
      const paperText = squash((await pdfPages(readFileSync(join(out, `10421-${form}-paper.pdf`)))).join(""));
      const at = first.options.map((o, i) => paperText.indexOf(`${"ABCD"[i]}.${squash(o).slice(0, 4)}`));
      expect(at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!))).toBe(true);
    }
    const again = tempDir();
    await runCli(["generate", "--seed", "7", "--forms", "2", "--shuffle", "options", "--no-pdf", "--out", again]);
    expect(readText(join(again, "10421-B.yaml"))).toBe(readText(join(out, "10421-B.yaml")));
    const bad = await runCli(["generate", "--seed", "7", "--shuffle", "answers", "--no-pdf", "--out", tempDir()]);
    expect(bad.code).toBe(2);
  });
});
