import { z } from "zod";
import { LIMITS, matching, positiveUpTo, quotedText } from "./limits.js";
import { parseQuestion } from "./bank.js";
import type { Blueprint } from "./blueprint.js";
import { at, finding, type Diagnostic, type Location } from "./diagnostic.js";
import type { Question } from "./question.js";
import { optionOrderProblems, withOptionOrder } from "./shuffle.js";
import type { Catalogue, QuestionType } from "./question-types.js";

const paperSectionSchema = z.strictObject({
  /** A declared type's name or alias (resolvePaper reads it against the syllabus). */
  type: matching(z.string(), "name"),
  points_each: positiveUpTo(LIMITS.questionPoints),
  questions: z.array(z.union([quotedText().min(1), z.record(z.string(), z.unknown())])),
});

/** A paper file: assembled by `generate` or written by hand, read by `validate` and `render`. */
export const paperSchema = z.strictObject({
  blueprint: z.string().optional(),
  name: z.string().optional(),
  form: z.string().optional(),
  seed: z.number().int().nonnegative().optional(),
  generated_by: z.string().optional(),
  sections: z.array(paperSectionSchema).min(1),
  /** Per choice question, its options as printed in this form: [C, A, D, B] prints the original C first. */
  options_order: z.record(z.string(), z.array(matching(z.string(), "option-letter"))).optional(),
});

export type PaperFile = z.output<typeof paperSchema>;

export interface PaperSection {
  type: QuestionType;
  points_each: number;
  questions: Question[];
}

/** A paper whose questions are all resolved, bank ids and inline ones alike. */
export interface Paper {
  name?: string;
  form?: string;
  seed?: number;
  sections: PaperSection[];
  /** Where each question of the paper file stands, by question id (for locating findings). */
  origins: Map<string, Location>;
  /** Ids of questions written inline in the paper rather than taken from the bank. */
  inline: Set<string>;
}

/** Resolves every question reference of a paper file against the bank; unknown ids and bad inline questions are findings. */
export function resolvePaper(file: PaperFile, bankById: ReadonlyMap<string, Question>, origin: Location, types: Catalogue): { paper: Paper; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const origins = new Map<string, Location>();
  const inline = new Set<string>();
  const sections = file.sections.map((written, s) => {
    const section = { ...written, type: types.lookup(written.type)?.name ?? written.type };
    const questions: Question[] = [];
    section.questions.forEach((ref, q) => {
      const where = at(origin, "sections", s, "questions", q);
      if (typeof ref === "string") {
        const found = bankById.get(ref);
        // A question printed under another type's heading (a multiple-choice among the single-choice) would be
        // answered and marked by the wrong rules: refused, as validate and render must agree.
        if (found && found.type !== section.type) {
          diagnostics.push(finding("wrong-section", { id: ref, type: found.type, section: section.type }, where));
          return;
        }
        if (found) {
          questions.push(found);
          if (!origins.has(ref)) origins.set(ref, where);
        } else diagnostics.push(finding("unknown-question", { id: ref }, where));
        return;
      }
      const parsed = parseQuestion({ type: section.type, ...ref }, where, types);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.question) {
        if (bankById.has(parsed.question.id)) {
          diagnostics.push(finding("inline-id-taken", { id: parsed.question.id }, at(where, "id")));
        }
        questions.push(parsed.question);
        inline.add(parsed.question.id);
        if (!origins.has(parsed.question.id)) origins.set(parsed.question.id, where);
      }
    });
    return { type: section.type, points_each: section.points_each, questions };
  });
  for (const [id, order] of Object.entries(file.options_order ?? {})) {
    const place = sections.flatMap((s) => s.questions.map((q, i) => ({ s, i, q }))).filter((x) => x.q.id === id);
    const problems = optionOrderProblems(place[0]?.q, id, order, origin);
    diagnostics.push(...problems);
    if (problems.length === 0) for (const { s, i, q } of place) s.questions[i] = withOptionOrder(q, order);
  }
  const paper: Paper = { sections, origins, inline };
  if (file.name !== undefined) paper.name = file.name;
  if (file.form !== undefined) paper.form = file.form;
  if (file.seed !== undefined) paper.seed = file.seed;
  return { paper, diagnostics };
}

/** The paper-file form of an assembled paper: ids only, sections in blueprint order (picks by section position). */
export function paperFileOf(
  blueprint: Blueprint,
  picks: ReadonlyMap<number, readonly string[]>,
  meta: { blueprint?: string; name?: string; form?: string; seed?: number; generated_by?: string },
): PaperFile {
  const file: PaperFile = { sections: [] };
  if (meta.name !== undefined) file.name = meta.name;
  if (meta.form !== undefined) file.form = meta.form;
  if (meta.blueprint !== undefined) file.blueprint = meta.blueprint;
  if (meta.seed !== undefined) file.seed = meta.seed;
  if (meta.generated_by !== undefined) file.generated_by = meta.generated_by;
  file.sections = blueprint.sections.map((s, i) => ({ type: s.type, points_each: s.points_each, questions: [...(picks.get(i) ?? [])] }));
  return file;
}

/** Every question of the paper in printed order with its section. */
export function paperItems(paper: Paper): { question: Question; section: PaperSection; sectionIndex: number; number: number }[] {
  let number = 0;
  return paper.sections.flatMap((section, sectionIndex) => section.questions.map((question) => ({ question, section, sectionIndex, number: ++number })));
}
