import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../core/random.js";
import { writeBlueprints } from "./bench-blueprints.js";
import { syllabusShape, type ChapterShape, type CourseShape } from "./course-shape.js";
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

type Raw = Record<string, unknown> & { id: string; knowledge_point: string | string[]; excludes?: string[] };

export interface BankFile {
  chapter: number;
  questions: Raw[];
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

/** A level × difficulty count table (profile.ts) as (level, difficulty, count) by declared name, zero counts left out. */
function namedGrades(table: readonly (readonly number[])[], { levels, difficulties }: CourseShape): (readonly [string, string, number])[] {
  return table.flatMap((row, l) => row.flatMap((count, d) => (count > 0 ? [[levels[l]!, difficulties[d]!, count] as const] : [])));
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
  const { chapters, typeNames, levels, difficulties } = course;
  const grades = Object.fromEntries(Object.entries(GRADES).map(([type, table]) => [type, namedGrades(table, course)])) as Record<keyof typeof GRADES, ReturnType<typeof namedGrades>>;
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
        level: levels[level],
        difficulty: difficulties[difficulty],
        points,
        answer: text(TEXT.subAnswer),
        marking: marking(points),
      }));
      return { ...base, material: unique() + text(TEXT.material), subquestions };
    }
    const [level, difficulty] = weighted(random, grades[type], 2);
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
  /** Same bank, one impossible blueprint per rule group (see infeasibleByGroup in bench-blueprints.ts). */
  infeasibleByGroup: Record<string, string>;
  questions: number;
  bytes: number;
}

/** Writes bank/chNN.json and the blueprints into `dir` (replacing what was there). */
export function writeSyntheticProject(dir: string, options: SyntheticOptions & { blueprintFile: string; syllabusFile: string }): SyntheticProject {
  const bankDir = join(dir, "bank");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(bankDir, { recursive: true });
  let bytes = 0;
  let questions = 0;
  const course = syllabusShape(options.syllabusFile);
  for (const file of syntheticBank(course, options)) {
    const data = JSON.stringify(file);
    writeFileSync(join(bankDir, `ch${String(file.chapter).padStart(2, "0")}.json`), data);
    bytes += Buffer.byteLength(data);
    questions += file.questions.length;
  }
  const label = `${options.size} questions, seed ${options.seed}`;
  return { bankDir, ...writeBlueprints(dir, options, course, label), questions, bytes };
}
