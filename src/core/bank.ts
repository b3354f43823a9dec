import { z } from "zod";
import { at, finding, listedAt, type Diagnostic, type Location } from "./diagnostic.js";
import type { FoundValue } from "./findings.js";
import { kindSchemas, type Question } from "./question.js";
import { KINDS, type Catalogue, type Kind } from "./question-types.js";
import { schemaDiagnostics } from "./schema-issues.js";
import { compileSchema, type FastParse } from "./fast-schema.js";

const NO_DEFAULTS: Record<string, unknown> = Object.freeze({});

/** A parsed document and the file it came from. */
export interface SourceDocument {
  file: string;
  data: unknown;
}

/** Fields a bank file may set once for all its questions. */
const FILE_DEFAULTS = ["chapter", "knowledge_point", "level", "difficulty", "minutes", "tags", "source"] as const;

const bankFileSchema = z.looseObject({ questions: z.array(z.unknown()) }).superRefine((file, ctx) => {
  for (const key of Object.keys(file)) {
    if (key !== "questions" && !(FILE_DEFAULTS as readonly string[]).includes(key)) {
      ctx.addIssue({ code: "unrecognized_keys", keys: [key], input: file, path: [] });
    }
  }
});

export interface Bank {
  questions: Question[];
  /**
   * Where each question was written, by its position in `questions`. A parsed bank's make their `path`
   * when it is read (see listedAt): read `file` and `path`, or JSON.stringify them; a structured clone
   * keeps only `file`.
   */
  origins: Location[];
}

export interface ParsedBank {
  bank: Bank;
  diagnostics: Diagnostic[];
}

// The question schemas compiled for speed (a large bank is mostly valid questions); whatever they do
// not accept goes to zod, which reports why.
const fastQuestionParsers: Partial<Record<Kind, FastParse<Question>>> = Object.fromEntries(KINDS.map((kind) => [kind, compileSchema(kindSchemas[kind])]));

/**
 * `defaults` then `raw`, merged into a new object. Object.assign would turn an own `__proto__` key into
 * the result's prototype, supplying fields the question never wrote; spread keeps it a key (an unknown
 * field). Spread is several times slower over 50,000 questions, so only then.
 */
function merged(defaults: object, raw: object): Record<string, unknown> {
  return Object.hasOwn(raw, "__proto__") ? { ...defaults, ...raw } : (Object.assign({}, defaults, raw) as Record<string, unknown>);
}

/**
 * Parses one question through the schema of its type's kind: the type must be one the course declares
 * (`types`, the syllabus's catalogue), by name or alias. `defaults`, its file's, give the fields it does
 * not write itself.
 */
export function parseQuestion(raw: unknown, origin: Location, types: Catalogue, defaults: Record<string, unknown> = NO_DEFAULTS): { question?: Question; diagnostics: Diagnostic[] } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { diagnostics: [finding("schema", { path: "", problem: "not-a-mapping" }, origin)] };
  }
  // A file's defaults are read by the fast parser where the question lacks a field, and merged in only
  // for zod, to say what is wrong: a copy of every question of a large bank, made to be read once, cost
  // a tenth of its parse. `type` is never a file default.
  const record = raw as Record<string, unknown>;
  const declared = types.lookup(record.type);
  if (!declared) {
    const found: FoundValue = record.type === undefined ? { kind: "nothing" } : { kind: "value", value: JSON.stringify(record.type) };
    return {
      diagnostics: [finding("schema", { path: "type", problem: "expected", expected: { kind: "one-of", values: [...types.names] }, found }, at(origin, "type"))],
    };
  }
  const { name: type, kind } = declared;
  let input = record.type === type ? record : merged(record, { type });
  // A question parsed before (a library user's) carries its kind: the same kind is no unknown field.
  if (input.kind === kind) {
    const { kind: _known, ...rest } = input;
    input = rest;
  }
  const fast = fastQuestionParsers[kind]?.(input, defaults);
  if (fast?.ok) return { question: withKind(fast.data, kind), diagnostics: [] };
  const parsed = kindSchemas[kind].safeParse(merged(defaults, input));
  if (!parsed.success) return { diagnostics: schemaDiagnostics(parsed.error, merged(defaults, record), origin) };
  return { question: withKind(parsed.data, kind), diagnostics: [] };
}

/** The parsed question (a fresh object) told its kind, so that no later stage needs the catalogue. */
function withKind(data: unknown, kind: Kind): Question {
  (data as { kind: Kind }).kind = kind;
  return data as Question;
}

/** Schema and normalisation stage for a whole bank: every file, every question, all findings at once. */
export function parseBank(sources: readonly SourceDocument[], types: Catalogue): ParsedBank {
  const parsed: ParsedBank = { bank: { questions: [], origins: [] }, diagnostics: [] };
  for (const source of sources) parseBankFile(source, types, parsed);
  return parsed;
}

/**
 * One file of a bank, its questions and findings appended to `into`: files parsed in turn give what
 * parseBank gives for all of them. A caller reading a large bank parses each file as it is read, so
 * that its raw data can be dropped before the next is read.
 */
export function parseBankFile(source: SourceDocument, types: Catalogue, into: ParsedBank): void {
  const root: Location = { file: source.file, path: [] };
  const file = bankFileDefaults(source.data, root);
  if ("diagnostics" in file) into.diagnostics.push(...file.diagnostics);
  else parseBankQuestions(file.questions, 0, file.defaults, root, types, into);
}

/**
 * The first stage of a bank file: a mapping with a list of questions and the defaults it sets for
 * them, or why it is not one (then none of its questions is read).
 */
export function bankFileDefaults(data: unknown, root: Location): { questions: unknown[]; defaults: Record<string, unknown> } | { diagnostics: Diagnostic[] } {
  const file = bankFileSchema.safeParse(data);
  if (!file.success) return { diagnostics: schemaDiagnostics(file.error, data, root) };
  const defaults: Record<string, unknown> = {};
  for (const key of FILE_DEFAULTS) if (file.data[key] !== undefined) defaults[key] = file.data[key];
  return { questions: file.data.questions, defaults };
}

/**
 * Questions of one bank file, the first of them at `firstIndex` in its list, parsed with the file's
 * defaults; questions and findings appended to `into`. A file read in pieces is parsed piece by piece.
 */
export function parseBankQuestions(raws: readonly unknown[], firstIndex: number, defaults: Record<string, unknown>, root: Location, types: Catalogue, into: ParsedBank): void {
  const { questions, origins } = into.bank;
  const diagnostics = into.diagnostics;
  const list = at(root, "questions");
  raws.forEach((raw, i) => {
    const origin = listedAt(list, firstIndex + i);
    const result = parseQuestion(raw, origin, types, defaults);
    for (const d of result.diagnostics) diagnostics.push(atDefault(d, raw, defaults, root));
    if (result.question) {
      questions.push(result.question);
      origins.push(origin);
    }
  });
}

/** A finding about a field the question took from its file's defaults is located at the default. */
function atDefault(d: Diagnostic, raw: unknown, defaults: Record<string, unknown>, root: Location): Diagnostic {
  const field = d.location?.path[root.path.length + 2];
  if (typeof field !== "string" || !(field in defaults) || (raw !== null && typeof raw === "object" && field in raw)) return d;
  return { ...d, location: { file: root.file, path: [...root.path, ...d.location!.path.slice(root.path.length + 2)] } };
}

/** Questions by id; the first of a duplicated id wins (lint reports the duplicate). */
export function indexBank(bank: Bank): Map<string, Question> {
  const byId = new Map<string, Question>();
  for (const q of bank.questions) if (!byId.has(q.id)) byId.set(q.id, q);
  return byId;
}
