import type { z } from "zod";
import { parseBank, type Bank } from "../core/bank.js";
import { blueprintProblems, blueprintSchema, type Blueprint } from "../core/blueprint.js";
import { blueprintForCourse } from "../core/blueprint-for-course.js";
import { bankWithDeclaredGrades } from "../core/declared-grades.js";
import { blueprintProblemPath, syllabusProblemPath } from "../core/problem-paths.js";
import type { Catalogue } from "../core/question-types.js";
import { finding, type Diagnostic } from "../core/diagnostic.js";
import type { BlueprintProblem, SyllabusProblem } from "../core/findings.js";
import { schemaDiagnostics } from "../core/schema-issues.js";
import { indexSyllabus, syllabusProblems, syllabusSchema, type Syllabus, type SyllabusIndex } from "../core/syllabus.js";
import { locateWith, textResolver } from "./locate-text.js";
import { parseDocumentText, type ReadResult, type YamlProvider } from "./parse-text.js";

/*
 * A blueprint, syllabus and bank given as text (a web page's uploads, a service's request body) instead
 * of files: the same three stages as the files go through (schema, normalise, named rules), with every
 * finding located at its line and column in the text. No file system, no Node built-in.
 */

/** A document's text and the name to show in findings (a file name, or any label). */
export interface TextFile {
  file: string;
  text: string;
}

type Schema<T> = { safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.ZodError } };

/** A parsed document through its schema (with defaults) and its named cross-field rules. */
export function checkDocument<T>(
  kind: "blueprint" | "syllabus",
  read: ReadResult,
  shown: string,
  schema: Schema<T>,
  rules: (value: T) => BlueprintProblem[] | SyllabusProblem[],
): { value?: T; diagnostics: Diagnostic[] } {
  if (!read.ok) return { diagnostics: read.diagnostics };
  const parsed = schema.safeParse(read.data);
  if (!parsed.success) return { diagnostics: schemaDiagnostics(parsed.error, read.data, { file: shown, path: [] }, `${kind}-schema`) };
  const found = rules(parsed.data);
  const where = (path: (string | number)[]) => ({ file: shown, path });
  const problems =
    kind === "blueprint"
      ? (found as BlueprintProblem[]).map((p) => finding("blueprint-rule", p, where(blueprintProblemPath(p, parsed.data as Blueprint))))
      : (found as SyllabusProblem[]).map((p) => finding("syllabus-rule", p, where(syllabusProblemPath(p, parsed.data as Syllabus))));
  return problems.length ? { diagnostics: problems } : { value: parsed.data, diagnostics: [] };
}

const isJson = (file: string) => /\.json$/i.test(file);

export function parseBlueprintText(source: TextFile, yaml: YamlProvider): { blueprint?: Blueprint; diagnostics: Diagnostic[] } {
  const read = parseDocumentText(source.text, source.file, isJson(source.file), yaml);
  const { value, diagnostics } = checkDocument("blueprint", read, source.file, blueprintSchema, blueprintProblems);
  return value ? { blueprint: value, diagnostics } : { diagnostics };
}

export function parseSyllabusText(source: TextFile, yaml: YamlProvider): { syllabus?: SyllabusIndex; diagnostics: Diagnostic[] } {
  const read = parseDocumentText(source.text, source.file, isJson(source.file), yaml);
  const { value, diagnostics } = checkDocument("syllabus", read, source.file, syllabusSchema, syllabusProblems);
  return value ? { syllabus: indexSyllabus(value), diagnostics } : { diagnostics };
}

/** Bank files as text: the questions of every file that parses (against the course's declared types), and the findings of all of them. */
export function parseBankTexts(sources: readonly TextFile[], yaml: YamlProvider, types: Catalogue): { bank: Bank; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const documents = [];
  for (const source of sources) {
    const read = parseDocumentText(source.text, source.file, isJson(source.file), yaml);
    if (read.ok) documents.push({ file: source.file, data: read.data });
    else diagnostics.push(...read.diagnostics);
  }
  const parsed = parseBank(documents, types);
  return { bank: parsed.bank, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

export interface TextProject {
  blueprint: Blueprint;
  syllabus: SyllabusIndex;
  bank: Bank;
}

/** Either the three parsed, with the bank's findings (callers decide about them), or why not. */
export type TextProjectResult = { ok: true; project: TextProject; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** A whole project from text, every finding with line and column in the text it is about. */
export function parseProjectTexts(sources: { blueprint: TextFile; syllabus: TextFile; bank: readonly TextFile[] }, yaml: YamlProvider): TextProjectResult {
  const located = (diagnostics: readonly Diagnostic[]) => locateInTexts(diagnostics, [sources.blueprint, sources.syllabus, ...sources.bank], yaml);
  const { blueprint: written, diagnostics: blueprintFindings } = parseBlueprintText(sources.blueprint, yaml);
  if (!written) return { ok: false, diagnostics: located(blueprintFindings) };
  const { syllabus, diagnostics: syllabusFindings } = parseSyllabusText(sources.syllabus, yaml);
  if (!syllabus) return { ok: false, diagnostics: located(syllabusFindings) };
  const { blueprint, diagnostics: findings } = blueprintForCourse(written, syllabus, sources.blueprint.file);
  if (findings.length) return { ok: false, diagnostics: located(findings) };
  const { bank, diagnostics } = parseBankTexts(sources.bank, yaml, syllabus.types);
  return { ok: true, project: { blueprint, syllabus, bank: bankWithDeclaredGrades(bank, syllabus) }, diagnostics: located(diagnostics) };
}

/** Line and column for findings about these texts (e.g. from lintBank or validatePaper). */
export function locateInTexts(diagnostics: readonly Diagnostic[], sources: readonly TextFile[], yaml: YamlProvider): Diagnostic[] {
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  return locateWith(diagnostics, (file) => (texts.has(file) ? textResolver(texts.get(file)!, yaml) : () => undefined));
}
