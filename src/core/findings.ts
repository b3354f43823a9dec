import type { QuestionType } from "./question-types.js";

/**
 * The one registry of findings: every code zujuan reports, its default severity and the shape of its
 * arguments. The core returns findings as this data; the sentences are made in src/cli/messages, in
 * each language, from the same code and arguments (as publint does: code + args, formatting apart).
 */

/** The value found where a field was expected, as data: kind, and the value or length when short. */
export type FoundValue =
  | { kind: "nothing" | "null" | "mapping" | "text-document" }
  | { kind: "list"; length: number }
  | { kind: "value"; value: string };

/** What a schema check found wrong at `path` (a dotted path, "" for the document). */
export type SchemaArgs =
  | { path: string; problem: "empty-document" }
  | { path: string; problem: "not-a-mapping" }
  | { path: string; problem: "unknown-fields"; keys: string[]; splitText: boolean }
  | { path: string; problem: "missing"; expected: SchemaExpectation }
  | { path: string; problem: "expected"; expected: SchemaExpectation; found: FoundValue }
  | { path: string; problem: "at-least"; limit: number; inclusive: boolean; found: FoundValue }
  | { path: string; problem: "at-most"; limit: number; found: FoundValue }
  | { path: string; problem: "whole-number"; found: FoundValue }
  /** A number where text must be: 1.10 unquoted is read as 1.1. */
  | { path: string; problem: "quote-number"; value: string }
  /** Text not of the form a field needs (an id, a letter…); `key`: a mapping's key, not its value. */
  | { path: string; problem: "pattern"; pattern: SchemaPattern; key: boolean; found: FoundValue }
  /** A choice question with too few or too many options. */
  | { path: string; problem: "options"; side: "min" | "max"; limit: number; found: FoundValue }
  /** Two declared question types claim one spelling (a name or alias). */
  | { path: string; problem: "alias-clash"; spelling: string; types: string[] }
  /** A schema's or zod's own sentence (formats, lengths): passed through as it is. */
  | { path: string; problem: "other"; detail: string; found?: FoundValue };

/** The forms of text a schema asks for by pattern (src/core/limits.ts `matching`). */
export const SCHEMA_PATTERNS = ["id", "question-id", "knowledge-point-id", "check-name", "letter", "letters", "form-letter", "option-letter", "chapter-number", "name"] as const;
export type SchemaPattern = (typeof SCHEMA_PATTERNS)[number];

export type SchemaExpectation = { kind: "one-of"; values: string[] } | { kind: "type"; type: string } | { kind: "no-field" } | { kind: "detail"; detail: string };

/** The measurements of each item-writing check (the question's id is added by the finding). */
export interface ItemRuleArgs {
  "longest-key": { key: string; length: number; next: number };
  "absolute-distractor": { options: string[]; words: string[] };
  "overlapping-options": { option: string; within: string; text: string };
  "all-of-the-above": { option: string; text: string };
  "all-keyed": { answer: string };
  clang: { option: string; word: string };
  "near-duplicate": { kind: "stem" | "term" | "options"; others: string[]; similarity: number; threshold: number; excludes: string };
  "give-away": { others: string[]; phrases: string[]; excludes: string };
}

/** The measurements of each cue statistic past its threshold (shares are fractions 0–1). */
export interface CueArgs {
  /** `types`: the declared types the statistic is over (of single-choice kind; multiple-choice for keyed counts). */
  "longest-option-cue": { score: number; chance: number; threshold: number; types: string[] };
  "absolute-wording-cue": { keyed: number; distractors: number };
  "keyed-count-cue": { share: number; threshold: number; types: string[] };
  "answer-letter-balance": { letter: string; share: number; low: number; high: number; types: string[] };
  "difficulty-follows-level": { v: number; threshold: number };
}

/** A file-system failure: the path as the user wrote it and the reason (from the operating system). */
export interface FileArgs {
  file: string;
  reason: string;
  folder?: boolean;
}

/** A blueprint that parses but contradicts itself: which named rule, with its numbers. */
export type BlueprintProblem =
  | { problem: "points-total"; sum: number; total: number }
  | { problem: "undeclared-type"; type: string; declared: string[] }
  | { problem: "section-id-twice"; id: string }
  | { problem: "options-not-choice"; type: string }
  | { problem: "options-outside-declaration"; type: string; min: number; max: number; declaredMin: number; declaredMax: number }
  | { problem: "shares-sum"; dimension: "levels" | "difficulty"; sum: number }
  | { problem: "time-min-over-max"; min: number; max: number }
  | { problem: "time-over-paper"; max: number; minutes: number }
  | { problem: "part-without-section"; type: string }
  /** Each band is the lowest p of its grade: they must fall from the easiest declared grade on. */
  | { problem: "bands-order"; grades: string[]; bands: number[] }
  /** difficulty_bands names a grade the syllabus does not declare, or its hardest (which has no lowest p). */
  | { problem: "bands-undeclared"; extra: string[]; expected: string[] }
  | { problem: "bands-missing"; missing: string[]; expected: string[] }
  /** Two keys of one map (a name and its alias) read as the same declared grade or tier. */
  | { problem: "named-twice"; map: string; name: string; spellings: string[] }
  | { problem: "p-range"; min: number; max: number }
  | { problem: "pass-mark"; pass: number; total: number }
  | { problem: "shares-missing"; dimension: string; missing: string[]; declared: string[] }
  | { problem: "shares-undeclared"; dimension: string; extra: string[]; declared: string[] }
  | { problem: "tiers-undeclared"; tiers: string[]; declared: string[] }
  | { problem: "option-range"; type: string; min: number; max: number };

/** A syllabus that parses but contradicts itself. */
export type SyllabusProblem =
  | { problem: "chapter-twice"; chapter: number }
  | { problem: "point-twice"; id: string }
  | { problem: "point-chapter"; id: string; chapter: number }
  | { problem: "unknown-level"; chapter: number; level: string; levels: string[] }
  | { problem: "grade-twice"; list: "levels" | "difficulties" | "tiers"; name: string }
  /** An alias that is already another grade's name or alias (or the grade's own name). */
  | { problem: "alias-taken"; list: "levels" | "difficulties" | "tiers"; alias: string; grade: string; taken: string }
  | { problem: "undeclared-tier"; chapter: number; tier: string; tiers: string[] };

/** What a path names when it is no regular file. */
export type FileKind = "directory" | "fifo" | "device" | "socket" | "other";

/** What is wrong in a cell, column or row of a score sheet. */
export type SheetIssue =
  | { issue: "no-question"; number: number }
  | { issue: "sub-count"; number: number; subs: number; asked: number }
  | { issue: "not-choice"; number: number; type: QuestionType }
  | { issue: "unknown-column"; idHeader: string }
  | { issue: "blank-score" }
  | { issue: "not-a-number"; text: string }
  | { issue: "negative"; score: number }
  | { issue: "over-points"; score: number; points: number }
  | { issue: "bad-letters"; value: string; letters: string }
  | { issue: "single-letter"; value: string; type: QuestionType }
  | { issue: "column-twice"; name: string; first: string }
  | { issue: "no-id-column"; idHeader: string }
  | { issue: "whole-and-parts"; number: number; whole: string; part: string }
  | { issue: "no-column"; number: number; whole: string; parts: string[] }
  | { issue: "missing-parts"; number: number; missing: string[] }
  | { issue: "empty" }
  | { issue: "no-id" }
  | { issue: "id-twice"; id: string; firstRow: number }
  | { issue: "no-candidates" };

/** A finding about a row or column of a score sheet: where, and what. */
export type SheetArgs = { sheet?: string; row: number; column?: string; header?: string } & SheetIssue;

type Severity = "error" | "warning";

/** One registry entry; `args` carries the arguments' type only (its value is never read). */
interface Entry<A> {
  severity: Severity;
  args: A;
}

const rule = <A>(severity: Severity): Entry<A> => ({ severity, args: undefined as unknown as A });
const error = <A>() => rule<A>("error");
const warning = <A>() => rule<A>("warning");

type Id = { id: string };

export const FINDINGS = {
  // Questions against the syllabus (structural: lint, validate and assemble use the same checks).
  "unknown-chapter": error<Id & { chapter: number }>(),
  "unknown-knowledge-point": error<Id & { knowledgePoint: string }>(),
  "knowledge-point-chapter": error<Id & { knowledgePoint: string; belongsTo: number; chapter: number }>(),
  // Structural: marking points against the section's points.
  "marking-sum": error<Id & { sum: number; points: number; type: QuestionType; subquestion?: number }>(),
  "case-points": error<Id & { sum: number; points: number; type: QuestionType }>(),
  // Structural: a fill-blank question's answers (or accepted answers), one per blank of its stem.
  "blank-count": error<Id & { blanks: number; answers: number; field: "answer" | "accept" }>(),
  // Choice questions.
  "answer-outside-options": error<Id & { answer: string; first: string; last: string }>(),
  "identical-options": error<Id & { first: string; second: string }>(),
  "alike-options": warning<Id & { first: string; second: string }>(),
  "option-letter": error<Id & { option: string; written: string }>(),
  "repeated-answer-letter": error<Id & { answer: string }>(),
  "too-few-correct": error<Id & { answer: string; type: QuestionType }>(),
  // Other question rules.
  "unknown-allow": error<Id & { name: string }>(),
  "undeclared-level": error<Id & { level: string; levels: string[] }>(),
  "undeclared-difficulty": error<Id & { difficulty: string; difficulties: string[] }>(),
  "option-count": error<Id & { count: number; min: number; max: number; type: string }>(),
  "type-not-in-blueprint": warning<Id & { type: QuestionType }>(),
  "difficulty-contradicts-stats": warning<Id & { tagged: string; p: number; sitting: string; n: number; observed: string }>(),
  // Bank-wide rules.
  "duplicate-id": error<Id>(),
  "duplicate-stem": error<Id & { other: string; field: "stem" | "term" }>(),
  "self-exclude": error<Id>(),
  "unknown-exclude": error<Id & { other: string }>(),
  "lonely-set": warning<Id & { set: string }>(),
  "set-enemies": error<Id & { other: string; set: string }>(),
  // Papers.
  "wrong-section": error<Id & { type: QuestionType; section: QuestionType }>(),
  "unknown-question": error<Id>(),
  "inline-id-taken": error<Id>(),
  "options-order-unknown": error<Id>(),
  "options-order-not-choice": error<Id & { type: QuestionType }>(),
  "options-order-invalid": error<Id & { expected: string[]; found: string[] }>(),
  // Schemas of each kind of file.
  schema: error<SchemaArgs>(),
  "paper-schema": error<SchemaArgs>(),
  "blueprint-schema": error<SchemaArgs>(),
  "syllabus-schema": error<SchemaArgs>(),
  "history-schema": error<SchemaArgs>(),
  "blueprint-rule": error<BlueprintProblem>(),
  "syllabus-rule": error<SyllabusProblem>(),
  // Reading files (src/io).
  "no-blueprint": error<Record<string, never>>(),
  "ambiguous-blueprint": error<{ candidates: string[] }>(),
  "missing-file": error<{ kind: string; file: string }>(),
  "missing-bank": error<{ dir: string; notDirectory: boolean }>(),
  "empty-bank": error<{ dir: string }>(),
  unreadable: error<FileArgs>(),
  /** `what` when known (a FIFO, a directory): else a FIFO, socket or device. */
  "not-a-file": error<{ file: string; what?: FileKind }>(),
  "too-large": error<{ file: string; bytes: number; limit: number; over: boolean }>(),
  "bank-folder-repeated": warning<{ dir: string }>(),
  "not-utf8": error<{ detail: string }>(),
  "proto-key": error<{ path: string }>(),
  "duplicate-key": error<{ path: string; key: string }>(),
  "yaml-syntax": error<{ detail: string; yaml?: boolean }>(),
  "bad-sheet": error<{ detail: string }>(),
  "bad-password": error<{ detail: string }>(),
  "bad-font": error<{ font: string; reason: string }>(),
  "missing-glyph": error<{ detail: string }>(),
  // Score sheets (analyze).
  "sheet-unknown-column": error<SheetArgs>(),
  "sheet-duplicate-column": error<SheetArgs>(),
  "sheet-missing-column": error<SheetArgs>(),
  "sheet-empty": error<SheetArgs>(),
  "sheet-missing-id": error<SheetArgs>(),
  "sheet-duplicate-id": error<SheetArgs>(),
  "sheet-bad-score": error<SheetArgs>(),
  "sheet-bad-choice": error<SheetArgs>(),
  "sheet-no-candidates": error<SheetArgs>(),
  // Item-writing checks and cue statistics (warnings; errors under lint --strict).
  "longest-key": warning<Id & ItemRuleArgs["longest-key"]>(),
  "absolute-distractor": warning<Id & ItemRuleArgs["absolute-distractor"]>(),
  "overlapping-options": warning<Id & ItemRuleArgs["overlapping-options"]>(),
  "all-of-the-above": warning<Id & ItemRuleArgs["all-of-the-above"]>(),
  "all-keyed": warning<Id & ItemRuleArgs["all-keyed"]>(),
  clang: warning<Id & ItemRuleArgs["clang"]>(),
  "near-duplicate": warning<Id & ItemRuleArgs["near-duplicate"]>(),
  "give-away": warning<Id & ItemRuleArgs["give-away"]>(),
  "longest-option-cue": warning<CueArgs["longest-option-cue"]>(),
  "absolute-wording-cue": warning<CueArgs["absolute-wording-cue"]>(),
  "keyed-count-cue": warning<CueArgs["keyed-count-cue"]>(),
  "answer-letter-balance": warning<CueArgs["answer-letter-balance"]>(),
  "difficulty-follows-level": warning<CueArgs["difficulty-follows-level"]>(),
  // How the command was called, and what went wrong outside the input.
  usage: error<{ detail: string }>(),
  file: error<{ detail: string }>(),
  internal: error<{ detail: string }>(),
} as const;

export type FindingCode = keyof typeof FINDINGS;
export type FindingArgs<C extends FindingCode> = (typeof FINDINGS)[C]["args"];

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDINGS, code);
}
