// Writing a sitting's retagging into bank files: the Document API finds each question's nodes and
// their source ranges, and only those ranges are rewritten (a `difficulty:` value, a `stats:` entry
// appended), so comments, key order, quoting and flow styles elsewhere stay byte for byte.
import type { Node, Pair, YAMLMap, YAMLSeq } from "yaml";
import { lazyYaml } from "./lazy-yaml.js";

// The yaml package on first use (a retag), not when the command line starts.
const isMap = (node: unknown): node is YAMLMap => lazyYaml().isMap(node);
const isSeq = (node: unknown): node is YAMLSeq => lazyYaml().isSeq(node);
const isScalar = (node: unknown): node is import("yaml").Scalar => lazyYaml().isScalar(node);
const parseDocument = (text: string) => lazyYaml().parseDocument(text);
import { resolve as resolvePath } from "node:path";
import type { StatsEntry } from "../core/question.js";
import type { Difficulty } from "../core/vocabulary.js";

export interface QuestionEdit {
  questionId: string;
  /** Position in the file's `questions:` list (checked against the id, which wins). */
  index: number;
  difficulty?: Difficulty;
  /** New difficulty of case sub-questions, by 1-based index. */
  subs: { index: number; difficulty: Difficulty }[];
  stats?: StatsEntry;
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, unknown> | undefined;
}

const rangeOf = (node: unknown) => (node as Node).range!;

function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** The end of the line on which a node's value ends: where a new line after it goes. */
function lineEndAfter(text: string, node: unknown): number {
  const valueEnd = rangeOf(node)[1];
  const newline = text.indexOf("\n", Math.max(0, valueEnd - 1));
  return newline < 0 ? text.length : newline;
}

export function flowStats(entry: StatsEntry): string {
  const num = (x: number) => String(Number(x.toFixed(2)));
  return `{ sitting: ${JSON.stringify(entry.sitting)}, n: ${entry.n}, p: ${num(entry.p)}, D: ${num(entry.D)} }`;
}

function findQuestion(questions: YAMLSeq, edit: QuestionEdit): YAMLMap | undefined {
  const idOf = (item: unknown) => (isMap(item) ? (item.get("id") as unknown) : undefined);
  const guess = questions.items[edit.index];
  if (idOf(guess) === edit.questionId) return guess as YAMLMap;
  return questions.items.find((item) => idOf(item) === edit.questionId) as YAMLMap | undefined;
}

function setScalar(splices: Splice[], node: unknown, value: string): void {
  const [start, end] = rangeOf(node);
  splices.push({ at: start, remove: end - start, insert: value });
}

function questionSplices(text: string, map: YAMLMap, edit: QuestionEdit, splices: Splice[]): void {
  const first = map.items[0]!;
  const indent = " ".repeat(columnAt(text, rangeOf(first.key)[0]));
  const appended: string[] = [];
  if (edit.difficulty) {
    const own = pairOf(map, "difficulty");
    const level = pairOf(map, "level");
    if (own) setScalar(splices, own.value, edit.difficulty);
    // A question that took the file's default gets its own tag, beside its level where it has one.
    else if (level) splices.push({ at: lineEndAfter(text, level.value), remove: 0, insert: `\n${indent}difficulty: ${edit.difficulty}` });
    else appended.push(`${indent}difficulty: ${edit.difficulty}`);
  }
  const subs = pairOf(map, "subquestions")?.value;
  for (const sub of edit.subs) {
    const item = isSeq(subs) ? subs.items[sub.index - 1] : undefined;
    const difficulty = isMap(item) ? pairOf(item, "difficulty") : undefined;
    if (!difficulty) throw new Error(`no sub-question ${sub.index} with a difficulty of its own`);
    setScalar(splices, difficulty.value, sub.difficulty);
  }
  if (edit.stats) {
    const stats = pairOf(map, "stats")?.value;
    const entry = flowStats(edit.stats);
    if (isSeq(stats) && stats.flow) {
      const end = rangeOf(stats)[1] - 1;
      splices.push({ at: end, remove: 0, insert: stats.items.length ? `, ${entry}` : entry });
    } else if (isSeq(stats) && stats.items.length) {
      const last = stats.items[stats.items.length - 1];
      const dash = " ".repeat(columnAt(text, rangeOf(stats)[0]));
      splices.push({ at: lineEndAfter(text, last), remove: 0, insert: `\n${dash}- ${entry}` });
    } else {
      if (stats !== undefined) throw new Error("stats: is not a list");
      appended.push(`${indent}stats:`, `${indent}  - ${entry}`);
    }
  }
  if (appended.length) {
    const last = map.items[map.items.length - 1]!;
    splices.push({ at: lineEndAfter(text, last.value ?? last.key), remove: 0, insert: appended.map((l) => `\n${l}`).join("") });
  }
}

export interface EditProblem {
  questionId: string;
  problem: string;
}

/** The file's text with the edits applied; an edit that cannot be placed is left out and said why. */
export function applyQuestionEdits(text: string, edits: readonly QuestionEdit[]): { text: string; problems: EditProblem[] } {
  const doc = parseDocument(text);
  const questions = doc.errors.length ? undefined : doc.get("questions", true);
  if (!isSeq(questions)) {
    const problem = doc.errors[0]?.message ?? "no questions: list";
    return { text, problems: edits.map((e) => ({ questionId: e.questionId, problem })) };
  }
  const splices: Splice[] = [];
  const problems: EditProblem[] = [];
  for (const edit of edits) {
    const own: Splice[] = [];
    try {
      const map = findQuestion(questions, edit);
      if (!map) throw new Error("not found in the file");
      // Lines cannot be added inside a one-line { … } question: such a question is retagged by hand.
      if (map.flow) throw new Error("written in flow style { … }: retag it by hand");
      questionSplices(text, map, edit, own);
      splices.push(...own);
    } catch (cause) {
      problems.push({ questionId: edit.questionId, problem: (cause as Error).message });
    }
  }
  // From the end backwards, so that earlier offsets stay valid; a stable sort keeps same-offset order.
  const ordered = splices.map((s, i) => ({ ...s, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  let out = text;
  for (const s of ordered) out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  return { text: out, problems };
}

export interface BankFileChange {
  path: string;
  /** As shown to the user (relative to the working directory). */
  shown: string;
  before: string;
  after: string;
}

/**
 * The bank files a retagging changes, before and after, and the questions it cannot change (in a JSON
 * file, or written in a way that cannot take new lines). `origins` says where each question was read
 * (file as displayed, relative to `cwd`, and its index in `questions:`).
 */
export function bankFileChanges(
  edits: readonly Omit<QuestionEdit, "index">[],
  origins: ReadonlyMap<string, { file: string; index: number }>,
  cwd: string,
  read: (path: string) => string,
): { changes: BankFileChange[]; problems: (EditProblem & { file: string })[] } {
  const byFile = new Map<string, QuestionEdit[]>();
  for (const edit of edits) {
    const origin = origins.get(edit.questionId);
    if (!origin) continue;
    const list = byFile.get(origin.file) ?? byFile.set(origin.file, []).get(origin.file)!;
    list.push({ ...edit, index: origin.index });
  }
  const changes: BankFileChange[] = [];
  const problems: (EditProblem & { file: string })[] = [];
  for (const [shown, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (/\.json$/i.test(shown)) {
      problems.push(...list.map((e) => ({ questionId: e.questionId, file: shown, problem: "in a JSON bank file: retag it by hand" })));
      continue;
    }
    const path = resolvePath(cwd, shown);
    const before = read(path);
    const applied = applyQuestionEdits(before, list);
    problems.push(...applied.problems.map((p) => ({ ...p, file: shown })));
    if (applied.text !== before) changes.push({ path, shown, before, after: applied.text });
  }
  return { changes, problems };
}
