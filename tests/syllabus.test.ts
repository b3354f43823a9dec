import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSyllabus } from "../src/io/load-project.js";
import { ROOT } from "./helpers/cli.js";

// The published syllabus text (a copy of shared/reference/10421-syllabus.txt) is the reference.
const reference = readFileSync(join(ROOT, "tests/fixtures/10421-syllabus.txt"), "utf8");
const { syllabus } = loadSyllabus(join(ROOT, "blueprints/10421-syllabus.yaml"), ROOT);

/** Knowledge points per chapter, counted from the reference text's 三、考核知识点 lists. */
function referenceCounts(): Map<number, number> {
  const body = reference.slice(reference.indexOf("Ⅱ课程内容与考核目标"));
  const chapters = body.split(/\n第([一二三四五六七八九十]+)章/).slice(1);
  const numerals = "一二三四五六七八九十";
  const counts = new Map<number, number>();
  for (let i = 0; i < chapters.length; i += 2) {
    const number = numerals.indexOf(chapters[i]!) + 1;
    const text = chapters[i + 1]!;
    const points = text.slice(text.indexOf("三、考核知识点"), text.indexOf("四、考核要求"));
    counts.set(number, (points.match(/(?:^|\n|点)\s*\d+、/g) ?? []).length);
  }
  return counts;
}

describe("the 10421 syllabus as data", () => {
  it("loads without problems", () => {
    expect(syllabus).toBeDefined();
  });

  it("has the reference's ten chapters with their tiers", () => {
    const chapters = syllabus!.syllabus.chapters;
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const tier = (t: string) => chapters.filter((c) => c.tier === t).map((c) => c.number);
    expect(tier("重点")).toEqual([1, 2, 3, 4, 6, 10]);
    expect(tier("次重点")).toEqual([7, 8]);
    expect(tier("一般")).toEqual([5, 9]);
    for (const c of chapters) expect(reference).toContain(`第${"一二三四五六七八九十"[c.number - 1]}章${c.title}`);
  });

  it("has as many knowledge points per chapter as the reference text, 40 in all", () => {
    const counts = referenceCounts();
    for (const c of syllabus!.syllabus.chapters) expect([c.number, c.knowledge_points.length]).toEqual([c.number, counts.get(c.number)]);
    expect(syllabus!.knowledgePoints).toHaveLength(40);
  });

  it("keeps every section title and the four requirement levels of each chapter", () => {
    for (const c of syllabus!.syllabus.chapters) {
      expect(Object.keys(c.requirements)).toEqual(["识记", "领会", "简单应用", "综合应用"]);
      for (const s of c.sections) expect(reference.replace(/\s/g, "")).toContain(s.title.replace(/\s/g, ""));
    }
  });
});
