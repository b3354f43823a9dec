import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import jsYaml from "js-yaml";
import { parseDocument } from "yaml";
import { seededRandom } from "../core/random.js";
import type { Tier } from "../core/vocabulary.js";
import { CASE_TEMPLATES, GRADES, ID_PREFIX, MARKED_POINTS, MINUTES, ROLES, TEXT, TWO_POINT_SHARE, TYPE_WEIGHTS_BY_TIER, type Role } from "./profile.js";

/**
 * A seeded synthetic bank shaped like bank/10421 (see profile.ts): the same type shares per chapter tier,
 * level/difficulty mixes, minutes, case structures, marking schemes and text lengths, at any size.
 */

export interface SyntheticOptions {
  size: number;
  seed: number;
  /** Share of questions that carry one `excludes` (an enemy of the same knowledge point). */
  excludeShare: number;
}

interface ChapterShape {
  number: number;
  tier: Tier;
  knowledgePoints: string[];
}

/** The syllabus's chapters, and the declared type name that plays each role of the profile. */
export interface CourseShape {
  chapters: ChapterShape[];
  typeNames: Record<Role, string>;
}

type Raw = Record<string, unknown> & { id: string; knowledge_point: string | string[]; excludes?: string[] };

export interface BankFile {
  chapter: number;
  questions: Raw[];
}

/**
 * Chapters, tiers and knowledge-point ids of a syllabus file, and its type names: each role of the
 * profile is the declared type that has the role as its name or alias (10421: single → its single-choice type).
 */
export function syllabusShape(file: string): CourseShape {
  const data = jsYaml.load(readFileSync(file, "utf8")) as {
    chapters: { number: number; tier: Tier; knowledge_points: { id: string }[] }[];
    question_types?: Record<string, { aliases?: string[] }>;
  };
  const declared = Object.entries(data.question_types ?? {});
  const typeNames = Object.fromEntries(
    ROLES.map((role) => {
      const found = declared.find(([name, d]) => name === role || (d.aliases ?? []).includes(role));
      if (!found) throw new Error(`${file}: no question type declares the alias ${role}`);
      return [role, found[0]];
    }),
  ) as Record<Role, string>;
  const chapters = data.chapters.map((c) => ({ number: c.number, tier: c.tier, knowledgePoints: c.knowledge_points.map((kp) => String(kp.id)) }));
  return { chapters, typeNames };
}

function weighted<T extends readonly unknown[]>(random: () => number, items: readonly T[], weightAt: number): T {
  const total = items.reduce((s, item) => s + (item[weightAt] as number), 0);
  let r = random() * total;
  for (const item of items) if ((r -= item[weightAt] as number) < 0) return item;
  return items[items.length - 1]!;
}

/** Splits `total` points into marking points of 1–3 points each. */
function partition(random: () => number, total: number): number[] {
  const parts: number[] = [];
  let left = total;
  while (left > 0) {
    const p = Math.min(left, random() < 0.45 ? 1 : random() < 0.85 ? 2 : 3);
    parts.push(p);
    left -= p;
  }
  return parts;
}

/** Exactly `size` questions over (chapter, type) cells, proportional to the cell weights (largest remainder). */
function cellCounts(chapters: ChapterShape[], size: number): { chapter: ChapterShape; type: Role; count: number }[] {
  const cells = chapters.flatMap((chapter) =>
    ROLES.map((type) => ({ chapter, type, weight: TYPE_WEIGHTS_BY_TIER[chapter.tier]?.[type] ?? 0 })),
  );
  const total = cells.reduce((s, c) => s + c.weight, 0);
  const exact = cells.map((c) => (size * c.weight) / total);
  const counts = exact.map(Math.floor);
  let left = size - counts.reduce((s, n) => s + n, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) if (left-- > 0) counts[i]! += 1;
  return cells.map((c, i) => ({ chapter: c.chapter, type: c.type, count: counts[i]! }));
}

export function syntheticBank(course: CourseShape, options: SyntheticOptions): BankFile[] {
  const { chapters, typeNames } = course;
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Text is cut from one seeded stretch of common characters: realistic weight, one random call per field.
  const pool = "客户服务管理企业质量满意忠诚投诉处理关系员工培训中心技巧理念分析价值需求沟通情绪策略实施系统评价标准原则方法过程信息市场产品组织活动公关危机维护挽留";
  const chars = [...new Set(pool)];
  const corpus = Array.from({ length: 8192 }, () => pick(chars)).join("");
  // A fixed-width code per question leads its stem (term, material): no two display stems are the same.
  let serial = 0;
  const unique = () => {
    let n = serial++;
    let code = "";
    for (let i = 0; i < 4; i++, n = Math.floor(n / chars.length)) code += chars[n % chars.length];
    return code;
  };
  const text = (average: number) => {
    const n = Math.max(2, Math.round(average * (0.5 + random())));
    const start = Math.floor(random() * (corpus.length - n));
    return corpus.slice(start, start + n);
  };
  const distinctOptions = (n: number) => {
    const found = new Set<string>();
    while (found.size < n) found.add(text(TEXT.option));
    return [...found];
  };
  const marking = (points: number) => partition(random, points).map((p) => ({ point: text(TEXT.markingPoint), points: p }));
  const knowledgePoints = (chapter: ChapterShape, type: Role): string | string[] => {
    const first = pick(chapter.knowledgePoints);
    if (chapter.knowledgePoints.length < 2 || random() >= TWO_POINT_SHARE[type]) return first;
    const others = chapter.knowledgePoints.filter((kp) => kp !== first);
    return [first, pick(others)];
  };

  const question = (chapter: ChapterShape, type: Role, id: string): Raw => {
    const base: Raw = { id, type: typeNames[type], knowledge_point: knowledgePoints(chapter, type), minutes: weighted(random, MINUTES[type], 1)[0] };
    if (type === "case") {
      const template = weighted(random, CASE_TEMPLATES.map((t) => [t, t.weight] as const), 1)[0];
      const subquestions = template.parts.map(([points, level, difficulty]) => ({
        ask: text(TEXT.ask),
        level,
        difficulty,
        points,
        answer: text(TEXT.subAnswer),
        marking: marking(points),
      }));
      return { ...base, material: unique() + text(TEXT.material), subquestions };
    }
    const [level, difficulty] = weighted(random, GRADES[type], 2);
    const graded = { ...base, level, difficulty };
    switch (type) {
      case "single":
        return { ...graded, stem: `${unique()}${text(TEXT.choiceStem)}(  )`, options: distinctOptions(4), answer: pick([..."ABCD"]), explanation: text(TEXT.explanation) };
      case "multiple": {
        const answer = [..."ABCDE"].filter(() => random() < 0.6);
        while (answer.length < 2) answer.push([..."ABCDE"].find((l) => !answer.includes(l))!);
        return { ...graded, stem: `${unique()}${text(TEXT.choiceStem)}(  )`, options: distinctOptions(5), answer: answer.sort().join(""), explanation: text(TEXT.explanation) };
      }
      case "term":
        return { ...graded, term: unique() + text(TEXT.term - 4), answer: text(TEXT.termAnswer), marking: marking(MARKED_POINTS[type]!) };
      case "short":
        return { ...graded, stem: `简述${unique()}${text(TEXT.shortStem)}。`, answer: text(TEXT.shortAnswer), marking: marking(MARKED_POINTS[type]!) };
      default:
        return { ...graded, stem: `试论${unique()}${text(TEXT.essayStem)}。`, answer: text(TEXT.essayAnswer), marking: marking(MARKED_POINTS[type]!) };
    }
  };

  const files = new Map<number, Raw[]>(chapters.map((c) => [c.number, []]));
  for (const { chapter, type, count } of cellCounts(chapters, options.size)) {
    const prefix = `ch${String(chapter.number).padStart(2, "0")}-${ID_PREFIX[type]}`;
    for (let i = 1; i <= count; i++) files.get(chapter.number)!.push(question(chapter, type, `${prefix}-${String(i).padStart(5, "0")}`));
  }

  // Enemies, as in the real bank: a question and another on the same knowledge point.
  const all = [...files.values()].flat();
  const byPoint = new Map<string, Raw[]>();
  const firstPoint = (q: Raw) => (Array.isArray(q.knowledge_point) ? q.knowledge_point[0]! : q.knowledge_point);
  for (const q of all) {
    const list = byPoint.get(firstPoint(q));
    if (list) list.push(q);
    else byPoint.set(firstPoint(q), [q]);
  }
  for (const q of all) {
    if (random() >= options.excludeShare) continue;
    const other = pick(byPoint.get(firstPoint(q))!);
    if (other.id !== q.id) q.excludes = [other.id];
  }
  return [...files].map(([chapter, questions]) => ({ chapter, questions }));
}

export interface SyntheticProject {
  bankDir: string;
  blueprint: string;
  /** Same bank, rules that cannot hold together (see writeBlueprints). */
  infeasible: string;
  /** Same bank, one impossible blueprint per rule group (see INFEASIBLE_BY_GROUP). */
  infeasibleByGroup: Record<string, string>;
  questions: number;
  bytes: number;
}

/**
 * Impossible blueprints, one per rule group, each a small edit of the 10421 blueprint: what proves it
 * ranges from arithmetic over the blueprint alone to the solver over the bank.
 */
export const INFEASIBLE_BY_GROUP: Record<string, { why: string; edit: [path: string[], value: unknown][] }> = {
  difficulty: { why: "易 80 % while 综合应用 (only ever 较难/难) needs 20 points of 较难 + 难, which may have 10", edit: [[["rules", "difficulty", "shares"], { 易: 80, 较易: 10, 较难: 5, 难: 5 }]] },
  chapters: { why: "key chapters at most 7 points each: 42 points, where they need 60 together", edit: [[["rules", "chapters", "points_by_tier", "重点"], { min: 5, max: 7 }]] },
  tiers: { why: "key chapters ≥ 99 points, where the other four chapters need at least 16", edit: [[["rules", "chapters", "tier_totals"], { 重点: { min: 99 } }]] },
  time: { why: "90–115 minutes, where the quickest paper takes longer", edit: [[["rules", "time"], { min: 90, max: 115 }]] },
  "knowledge points": { why: "one question per knowledge point and four per chapter: chapter 9 has two knowledge points", edit: [[["rules", "knowledge_points", "max_per_point"], 1], [["rules", "chapters", "min_questions_each"], 4]] },
};

/** The 10421 blueprint pointed at the synthetic bank, and infeasible variants of it. */
function writeBlueprints(dir: string, blueprintFile: string, syllabusFile: string, label: string): { blueprint: string; infeasible: string; infeasibleByGroup: Record<string, string> } {
  const source = readFileSync(blueprintFile, "utf8");
  const write = (name: string, edit: (doc: ReturnType<typeof parseDocument>) => void) => {
    const doc = parseDocument(source);
    doc.set("name", `${doc.get("name")} [bench ${label}]`);
    doc.set("syllabus", relative(dir, syllabusFile).split("\\").join("/"));
    doc.set("bank", "bank");
    edit(doc);
    const file = join(dir, name);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
    return file;
  };
  const blueprint = write("10421-bench.yaml", () => {});
  // 综合应用 is only ever 较难 or 难 (as in the real bank), so 40 points of 综合应用 need 40 points of
  // 较难 + 难, and these shares allow 30. Each rule alone can be met; together they cannot: only the
  // solver can prove it, and the slack model must explain it.
  const infeasible = write("10421-bench-infeasible.yaml", (doc) => {
    doc.commentBefore = [" Benchmark only: 综合应用 40 % needs 40 points of 较难/难, the difficulty shares allow 30.", doc.commentBefore].filter(Boolean).join("\n");
    doc.setIn(["rules", "levels", "shares"], { 识记: 10, 领会: 30, 简单应用: 20, 综合应用: 40 });
    doc.setIn(["rules", "difficulty", "shares"], { 易: 30, 较易: 40, 较难: 20, 难: 10 });
  });
  const infeasibleByGroup: Record<string, string> = {};
  for (const [group, { why, edit }] of Object.entries(INFEASIBLE_BY_GROUP)) {
    infeasibleByGroup[group] = write(`10421-bench-infeasible-${group.replace(/ /g, "-")}.yaml`, (doc) => {
      doc.commentBefore = [` Benchmark only: ${why}.`, doc.commentBefore].filter(Boolean).join("\n");
      for (const [path, value] of edit) doc.setIn(path, value);
    });
  }
  return { blueprint, infeasible, infeasibleByGroup };
}

/** Writes bank/chNN.json and the two blueprints into `dir` (replacing what was there). */
export function writeSyntheticProject(dir: string, options: SyntheticOptions & { blueprintFile: string; syllabusFile: string }): SyntheticProject {
  const bankDir = join(dir, "bank");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(bankDir, { recursive: true });
  let bytes = 0;
  let questions = 0;
  for (const file of syntheticBank(syllabusShape(options.syllabusFile), options)) {
    const data = JSON.stringify(file);
    writeFileSync(join(bankDir, `ch${String(file.chapter).padStart(2, "0")}.json`), data);
    bytes += Buffer.byteLength(data);
    questions += file.questions.length;
  }
  const label = `${options.size} questions, seed ${options.seed}`;
  return { bankDir, ...writeBlueprints(dir, options.blueprintFile, options.syllabusFile, label), questions, bytes };
}

/**
 * The bundled 10421 blueprint with difficulty shares 易 30 / 较易 30 / 较难 25 / 难 15, written into `dir`:
 * section counting allows 12 disjoint forms of the bundled bank, but 10 forms need more 易 and 较难 points
 * together than the bank holds, which only the forms' aggregate model proves.
 */
export function writeBundledAggregateBlueprint(dir: string, blueprintFile: string): string {
  const doc = parseDocument(readFileSync(blueprintFile, "utf8"));
  doc.commentBefore = [" Benchmark only: 10 disjoint forms at 易 30 % and 较难 25 % need more than the bundled bank holds.", doc.commentBefore].filter(Boolean).join("\n");
  for (const key of ["syllabus", "bank"]) doc.set(key, relative(dir, join(dirname(blueprintFile), String(doc.get(key)))).split("\\").join("/"));
  doc.setIn(["rules", "difficulty", "shares"], { 易: 30, 较易: 30, 较难: 25, 难: 15 });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "10421-bench-forms-aggregate.yaml");
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return file;
}
