import type { Diagnostic, Location } from "./diagnostic.js";
import { at, finding } from "./diagnostic.js";
import type { PaperFile } from "./paper.js";
import { isChoice, type Question } from "./question.js";
import { hashString, seededRandom, shuffled } from "./random.js";

export type ShuffleMode = "options" | "questions";

const letter = (i: number) => String.fromCharCode(65 + i);

/**
 * A choice question with its options in another order: `order[i]` is the letter of the original
 * option printed at position i, so [C, A, D, B] prints the original C first. The answer follows.
 */
export function withOptionOrder(q: Question, order: readonly string[]): Question {
  if (!isChoice(q)) return q;
  const from = order.map((l) => l.charCodeAt(0) - 65);
  const options = from.map((i) => q.options[i]!);
  const answer = [...q.answer]
    .map((l) => letter(from.indexOf(l.charCodeAt(0) - 65)))
    .sort()
    .join("");
  return { ...q, options, answer } as Question;
}

/** Findings for an options_order entry that is no permutation of its question's options. */
export function optionOrderProblems(q: Question | undefined, id: string, order: readonly string[], where: Location): Diagnostic[] {
  const place = at(where, "options_order", id);
  if (!q) return [finding("options-order-unknown", { id }, place)];
  if (!isChoice(q)) return [finding("options-order-not-choice", { id, type: q.type }, place)];
  const expected = q.options.map((_, i) => letter(i));
  const same = order.length === expected.length && [...order].sort().join("") === expected.join("");
  return same ? [] : [finding("options-order-invalid", { id, expected, found: [...order] }, place)];
}

/**
 * Each form its own seeded order: options of choice questions (unless `shuffle: false`) and, with
 * "questions", the questions within each section. The permutation is written into the paper file, so
 * validate and render reproduce it exactly. The same seed and form always give the same shuffle.
 */
export function shufflePaperFile(file: PaperFile, byId: ReadonlyMap<string, Question>, seed: number, modes: readonly ShuffleMode[]): PaperFile {
  const random = seededRandom(hashString(`${seed}:${file.form ?? "A"}`));
  const sections = file.sections.map((s) => ({ ...s, questions: modes.includes("questions") ? shuffled(s.questions, random) : [...s.questions] }));
  const options_order: Record<string, string[]> = { ...(file.options_order ?? {}) };
  if (modes.includes("options")) {
    for (const s of sections) {
      for (const ref of s.questions) {
        const q = typeof ref === "string" ? byId.get(ref) : undefined;
        if (!q || !isChoice(q) || q.shuffle === false) continue;
        const order = shuffled(q.options.map((_, i) => letter(i)), random);
        if (order.some((l, i) => l !== letter(i))) options_order[q.id] = order;
      }
    }
  }
  const out: PaperFile = { ...file, sections };
  if (Object.keys(options_order).length) out.options_order = options_order;
  return out;
}

/** A shuffled form that took new questions (换题): the new choice questions get their own seeded order, the rest keep theirs. */
export function shuffleNewOptions(file: PaperFile, ids: readonly string[], byId: ReadonlyMap<string, Question>, seed: number): PaperFile {
  if (!file.options_order) return file;
  const random = seededRandom(hashString(`${seed}:${file.form ?? "A"}:replace`));
  const options_order = { ...file.options_order };
  for (const id of ids) {
    const q = byId.get(id);
    if (!q || !isChoice(q) || q.shuffle === false) continue;
    const order = shuffled(q.options.map((_, i) => letter(i)), random);
    if (order.some((l, i) => l !== letter(i))) options_order[id] = order;
  }
  return { ...file, options_order };
}
