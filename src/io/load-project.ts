import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseBankFile, type Bank, type ParsedBank } from "../core/bank.js";
import { blueprintProblems, blueprintSchema, type Blueprint } from "../core/blueprint.js";
import { blueprintForCourse } from "../core/blueprint-for-course.js";
import { bankWithDeclaredGrades } from "../core/declared-grades.js";
import type { Catalogue } from "../core/question-types.js";
import { finding, type Diagnostic } from "../core/diagnostic.js";
import type { BlueprintProblem, SyllabusProblem } from "../core/findings.js";
import { indexSyllabus, syllabusProblems, syllabusSchema, type SyllabusIndex } from "../core/syllabus.js";
import { checkDocument } from "./parse-project-text.js";
import { parseBankFileInPieces } from "./bank-pieces.js";
import { isJsonFile, parseDocumentBytes, readDocument } from "./read-document.js";
import { MAX_INPUT_BYTES, ReadBuffer, readInputBytes, reasonFor } from "./read-input.js";

export interface Project {
  blueprintFile: string;
  blueprint: Blueprint;
  syllabus: SyllabusIndex;
  bankDir: string;
  bank: Bank;
}

export interface LoadOptions {
  blueprint?: string;
  bank?: string;
  cwd?: string;
}

/** Either the project, or why it cannot be used. Bank findings never make it unusable: callers decide. */
export type LoadResult =
  | { ok: true; project: Project; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

const BANK_EXTENSIONS = /\.(ya?ml|json)$/i;

/**
 * Shows paths relative to the working directory, as a user typed them, with `/` on every platform;
 * never an absolute path (a file outside the project is shown as `../…`, not by where it lives).
 */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return (rel === "" ? "." : isAbsolute(rel) ? file : rel).split(sep).join("/");
}

function findDefaultBlueprint(cwd: string): string | Diagnostic {
  const dir = join(cwd, "blueprints");
  const candidates = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .filter((f) => {
          const read = readDocument(join(dir, f));
          return read.ok && typeof read.data === "object" && read.data !== null && "sections" in read.data;
        })
    : [];
  if (candidates.length === 1) return join(dir, candidates[0]!);
  if (candidates.length === 0) return finding("no-blueprint", {});
  return finding("ambiguous-blueprint", { candidates });
}

/** Reads a document and runs it through its three stages: schema (with defaults), then named cross-field rules. */
function loadDocument<T>(
  kind: "blueprint" | "syllabus",
  file: string,
  cwd: string,
  schema: Parameters<typeof checkDocument<T>>[3],
  rules: (value: T) => BlueprintProblem[] | SyllabusProblem[],
): { value?: T; diagnostics: Diagnostic[] } {
  const shown = displayPath(file, cwd);
  if (!existsSync(file)) return { diagnostics: [finding("missing-file", { kind, file: shown })] };
  return checkDocument(kind, readDocument(file, shown), shown, schema, rules);
}

export function loadBlueprint(file: string, cwd: string): { blueprint?: Blueprint; diagnostics: Diagnostic[] } {
  const { value, diagnostics } = loadDocument("blueprint", file, cwd, blueprintSchema, blueprintProblems);
  return value ? { blueprint: value, diagnostics } : { diagnostics };
}

export function loadSyllabus(file: string, cwd: string): { syllabus?: SyllabusIndex; diagnostics: Diagnostic[] } {
  const { value, diagnostics } = loadDocument("syllabus", file, cwd, syllabusSchema, syllabusProblems);
  return value ? { syllabus: indexSyllabus(value), diagnostics } : { diagnostics };
}

export interface BankListing {
  files: string[];
  /** Entries that look like bank files but cannot be read as one (FIFOs, devices, broken links, loops). */
  problems: Diagnostic[];
}

/**
 * Every .yaml, .yml and .json file under `dir`, sorted, hidden entries skipped. Symbolic links are
 * followed, folders included; a folder reached twice (a link loop, or two links to one folder) is
 * read once and reported. What is not a regular file is reported, never opened.
 */
export function listBankEntries(dir: string, cwd = process.cwd()): BankListing {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  const visited = new Set<string>();
  const walk = (d: string) => {
    let real: string;
    let names: string[];
    try {
      real = realpathSync(d);
      names = readdirSync(d);
    } catch (cause) {
      problems.push(finding("unreadable", { file: displayPath(d, cwd), reason: reasonFor(cause), folder: true }, { file: displayPath(d, cwd), path: [] }));
      return;
    }
    if (visited.has(real)) {
      problems.push(finding("bank-folder-repeated", { dir: displayPath(d, cwd) }, { file: displayPath(d, cwd), path: [] }));
      return;
    }
    visited.add(real);
    for (const name of names.sort((a, b) => (a < b ? -1 : 1))) {
      if (name.startsWith(".")) continue;
      const full = join(d, name);
      const shown = displayPath(full, cwd);
      let stats;
      try {
        stats = statSync(full);
      } catch (cause) {
        if (BANK_EXTENSIONS.test(name) || lstatSync(full).isSymbolicLink()) {
          problems.push(finding("unreadable", { file: shown, reason: (cause as NodeJS.ErrnoException).code === "ENOENT" ? "is a symbolic link to nothing" : reasonFor(cause) }, { file: shown, path: [] }));
        }
        continue;
      }
      if (stats.isDirectory()) walk(full);
      else if (!BANK_EXTENSIONS.test(name)) continue;
      else if (stats.isFile()) files.push(full);
      else problems.push(finding("not-a-file", { file: shown }, { file: shown, path: [] }));
    }
  };
  walk(dir);
  return { files, problems };
}

export function listBankFiles(dir: string): string[] {
  return listBankEntries(dir).files;
}

/** The bank under `dir`, each question read against the course's declared types. */
export function loadBank(dir: string, cwd: string, types: Catalogue): { bank?: Bank; diagnostics: Diagnostic[] } {
  const shown = displayPath(dir, cwd);
  if (!existsSync(dir)) return { diagnostics: [finding("missing-bank", { dir: shown, notDirectory: false })] };
  if (!statSync(dir).isDirectory()) return { diagnostics: [finding("missing-bank", { dir: shown, notDirectory: true })] };
  const { files, problems } = listBankEntries(dir, cwd);
  if (files.length === 0 && problems.length === 0) return { diagnostics: [finding("empty-bank", { dir: shown })] };
  const diagnostics: Diagnostic[] = [...problems];
  // Each file is parsed as soon as it is read, so that its text and raw data are garbage before the
  // next file is read; the findings come out as parseBank gives them (reading's first, then the schema's).
  const parsed: ParsedBank = { bank: { questions: [], origins: [] }, diagnostics: [] };
  const buffer = new ReadBuffer();
  for (const file of files) {
    const name = displayPath(file, cwd);
    const bytes = readInputBytes(file, name, MAX_INPUT_BYTES, buffer);
    if (!bytes.ok) {
      diagnostics.push(bytes.problem);
      continue;
    }
    if (isJsonFile(file) && parseBankFileInPieces(bytes.bytes, name, types, parsed)) continue;
    // A JSON file the pieces did not take is read whole, not tried in pieces a second time.
    const read = parseDocumentBytes(bytes.bytes, file, name, false);
    if (read.ok) parseBankFile({ file: name, data: read.data }, types, parsed);
    else diagnostics.push(...read.diagnostics);
  }
  return { bank: parsed.bank, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

/** Blueprint, then the syllabus and bank it names (or the --bank given), all relative to the blueprint file. */
/** The blueprint and its syllabus, without the bank: enough to check what arithmetic alone proves. */
export type RulesResult =
  | { ok: true; blueprintFile: string; blueprint: Blueprint; syllabus: SyllabusIndex }
  | { ok: false; diagnostics: Diagnostic[] };

export function loadRules(options: LoadOptions): RulesResult {
  const cwd = options.cwd ?? process.cwd();
  const blueprintFile = options.blueprint ? resolve(cwd, options.blueprint) : findDefaultBlueprint(cwd);
  if (typeof blueprintFile !== "string") return { ok: false, diagnostics: [blueprintFile] };
  const { blueprint: written, diagnostics: blueprintFindings } = loadBlueprint(blueprintFile, cwd);
  if (!written) return { ok: false, diagnostics: blueprintFindings };
  const { syllabus, diagnostics: syllabusFindings } = loadSyllabus(resolve(dirname(blueprintFile), written.syllabus), cwd);
  if (!syllabus) return { ok: false, diagnostics: syllabusFindings };
  const { blueprint, diagnostics } = blueprintForCourse(written, syllabus, displayPath(blueprintFile, cwd));
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, blueprintFile, blueprint, syllabus };
}

export function loadProject(options: LoadOptions, rules: RulesResult = loadRules(options)): LoadResult {
  if (!rules.ok) return rules;
  const cwd = options.cwd ?? process.cwd();
  const { blueprintFile, blueprint, syllabus } = rules;
  const bankDir = options.bank ? resolve(cwd, options.bank) : resolve(dirname(blueprintFile), blueprint.bank);
  const { bank, diagnostics } = loadBank(bankDir, cwd, syllabus.types);
  if (!bank) return { ok: false, diagnostics };
  // Grades written by a declared alias read as the declared name, for every rule and table after this.
  return { ok: true, project: { blueprintFile, blueprint, syllabus, bankDir, bank: bankWithDeclaredGrades(bank, syllabus) }, diagnostics };
}
