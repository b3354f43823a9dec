import { z } from "zod";
import { LIMITS, matching, positiveUpTo, wholeIn } from "./limits.js";

/**
 * The question kinds the code understands: each has its own fields (question.ts), scoring, lint rules
 * and layout. A course's question *types* (its printed names: 单选, 判断, 计算…) are data declared in
 * its syllabus, each of one kind; the code switches on the kind, never on a type's name.
 */
export const KINDS = ["single-choice", "multiple-choice", "true-false", "fill-blank", "term", "written", "material"] as const;
export type Kind = (typeof KINDS)[number];

/** A type's printed name (any text the syllabus declares). */
export type QuestionType = string;

/** Kinds answered by picking lettered options. */
export const isChoiceKind = (kind: Kind): kind is "single-choice" | "multiple-choice" => kind === "single-choice" || kind === "multiple-choice";
/** Kinds a machine marks from the candidate's mark on the sheet (choice and true-false). */
export const isObjectiveKind = (kind: Kind): boolean => isChoiceKind(kind) || kind === "true-false";

/** How the 答题卡 gives room to a type's questions. */
export const SHEET_LAYOUTS = ["choice", "lines", "box"] as const;
export type SheetLayout = (typeof SHEET_LAYOUTS)[number];

const optionCount = wholeIn(2, LIMITS.choiceOptions);
export const optionRangeSchema = z.strictObject({ min: optionCount, max: optionCount });
export type OptionRange = z.output<typeof optionRangeSchema>;

const name = matching(z.string(), "name");

/** One declared type: `<name>: { kind: single-choice, options: 4, aliases: [single] }`. */
export const typeDeclarationSchema = z
  .strictObject({
    kind: z.enum(KINDS),
    /** Options of a choice question: a number or a range (choice kinds only). */
    options: z.union([optionCount, optionRangeSchema]).optional(),
    /** Other spellings accepted for `type:` in the bank and the blueprint. */
    aliases: z.array(name).default([]),
    /** In-paper answer space per point, in lines (overrides the blueprint's answer_space). */
    answer_lines: positiveUpTo(10).optional(),
    sheet: z.enum(SHEET_LAYOUTS).optional(),
  })
  .superRefine((declared, ctx) => {
    // Options belong to choice kinds: on any other kind the field is unknown, as a stray key is.
    if (declared.options !== undefined && !isChoiceKind(declared.kind)) ctx.addIssue({ code: "unrecognized_keys", keys: ["options"], input: declared, path: [] });
    const options = declared.options;
    if (typeof options === "object" && options.max < options.min) {
      ctx.addIssue({ code: "too_small", origin: "number", minimum: options.min, inclusive: true, input: options.max, path: ["options", "max"] });
    }
    // A bubble row needs something a machine can read: a choice or true-false question.
    if (declared.sheet === "choice" && !isObjectiveKind(declared.kind)) ctx.addIssue({ code: "invalid_value", values: ["lines", "box"], input: declared.sheet, path: ["sheet"] });
  });

/** Two declared types claiming one spelling (a name or an alias). */
export const ALIAS_CLASH = "alias-clash";

/** The `question_types` mapping of a syllabus, in printed order; every spelling names one type. */
export const questionTypesSchema = z
  .record(name, typeDeclarationSchema)
  .superRefine((types, ctx) => {
    const owner = new Map<string, string>(Object.keys(types).map((t) => [t, t]));
    for (const [type, declared] of Object.entries(types)) {
      declared.aliases.forEach((alias, i) => {
        const other = owner.get(alias);
        if (other !== undefined && other !== type) {
          ctx.addIssue({ code: "custom", message: ALIAS_CLASH, params: { spelling: alias, types: [other, type] }, path: [type, "aliases", i] });
        } else owner.set(alias, type);
      });
    }
  });

export type TypeDeclarations = z.output<typeof questionTypesSchema>;

/** A declared type with its name, its options as a range (choice kinds), and how it is laid out. */
export interface TypeInfo {
  name: QuestionType;
  kind: Kind;
  options?: OptionRange;
  aliases: readonly string[];
  answerLines?: number;
  sheet: SheetLayout;
}

/** The course's declared types: looked up by name or alias. */
export interface Catalogue {
  /** In declared (printed) order. */
  types: readonly TypeInfo[];
  names: readonly QuestionType[];
  /** The type a spelling (its name or an alias) names, or undefined. */
  lookup(spelling: unknown): TypeInfo | undefined;
}

export const defaultSheet = (kind: Kind): SheetLayout => (isObjectiveKind(kind) ? "choice" : kind === "fill-blank" ? "lines" : "box");

export function buildCatalogue(declared: TypeDeclarations): Catalogue {
  const types: TypeInfo[] = Object.entries(declared).map(([typeName, d]) => {
    const info: TypeInfo = { name: typeName, kind: d.kind, aliases: d.aliases, sheet: d.sheet ?? defaultSheet(d.kind) };
    if (d.options !== undefined) info.options = typeof d.options === "number" ? { min: d.options, max: d.options } : d.options;
    if (d.answer_lines !== undefined) info.answerLines = d.answer_lines;
    return info;
  });
  const spellings = new Map<unknown, TypeInfo>();
  for (const t of types) for (const s of [t.name, ...t.aliases]) if (!spellings.has(s)) spellings.set(s, t);
  return {
    types,
    names: types.map((t) => t.name),
    lookup: (spelling) => spellings.get(spelling),
  };
}
