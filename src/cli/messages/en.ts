import type { BlueprintProblem, FileKind, FoundValue, SheetIssue, SyllabusProblem, SchemaArgs, SchemaExpectation, SheetArgs } from "../../core/findings.js";
import type { SchemaPattern } from "../../core/findings.js";
import type { Messages } from "./types.js";

const list = (v: unknown) => (Array.isArray(v) ? v.join(", ") : String(v));
const percent = (x: unknown) => `${Math.round(Number(x) * 1000) / 10} %`;
/** The declared types a statistic is over, as the syllabus names them. */
const typeList = (types: readonly string[]) => (types.length ? types.join(" and ") : "single-choice questions");
const s = (n: number, word: string) => `${word}${n === 1 ? "" : "s"}`;

function found(f: FoundValue): string {
  switch (f.kind) {
    case "nothing":
      return "nothing";
    case "null":
      return "null";
    case "mapping":
      return "a mapping";
    case "text-document":
      return "text";
    case "list":
      return `a list of ${f.length}`;
    case "value":
      return f.value;
  }
}

function expectation(e: SchemaExpectation): string {
  switch (e.kind) {
    case "one-of":
      return `one of ${e.values.join(", ")}`;
    case "type":
      return e.type;
    case "no-field":
      return "no such field";
    case "detail":
      return e.detail;
  }
}

const EN_PATTERNS: Record<SchemaPattern, string> = {
  id: "an id of letters, digits, '.', '-' or '_'",
  "question-id": "a question id",
  "knowledge-point-id": 'a knowledge point id of the syllabus, such as "1.3"',
  "check-name": "a check name such as longest-key",
  letter: "one letter",
  letters: "letters such as ACD",
  "form-letter": "a form letter A–Z",
  "option-letter": "an option letter",
  "chapter-number": "a chapter number",
  name: "a name without surrounding spaces",
};

function schema(a: SchemaArgs): string {
  const where = a.path || "(document)";
  switch (a.problem) {
    case "empty-document":
      return "(document): the file is empty (expected a mapping)";
    case "not-a-mapping":
      return "a question must be a mapping";
    case "unknown-fields": {
      const text = `${where}: unknown ${s(a.keys.length, "field")} ${a.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      return a.splitText ? `${text} (an ASCII ',' inside a {…} or […] splits the text: quote it or use '，')` : text;
    }
    case "missing":
      return `${where}: required field missing (expected ${expectation(a.expected)})`;
    case "expected":
      return `${where}: expected ${expectation(a.expected)}, found ${found(a.found)}`;
    case "at-least":
      return `${where}: ${a.inclusive ? `${a.limit} or more` : `greater than ${a.limit}`} (found ${found(a.found)})`;
    case "at-most":
      return `${where}: at most ${a.limit} (found ${found(a.found)})`;
    case "whole-number":
      return `${where}: a whole number (found ${found(a.found)})`;
    case "quote-number":
      return `${where}: found the number ${a.value}: write it in quotes ("${a.value}"); unquoted, YAML and JSON read 1.10 as 1.1`;
    case "pattern":
      return a.key ? `${where}: the key must be ${EN_PATTERNS[a.pattern]}` : `${where}: ${EN_PATTERNS[a.pattern]} (found ${found(a.found)})`;
    case "alias-clash":
      return `${where}: ${JSON.stringify(a.spelling)} already names the type ${a.types[0]}, so it cannot also name ${a.types[1]}`;
    case "options":
      return `${where}: ${a.side === "min" ? "at least" : "at most"} ${a.limit} options (found ${found(a.found)})`;
    case "other":
      return a.found ? `${where}: ${a.detail} (found ${found(a.found)})` : `${where}: ${a.detail}`;
  }
}

function sheet(a: SheetArgs): string {
  const where = [a.sheet !== undefined ? `sheet ${a.sheet}` : "", `row ${a.row}`, a.column === undefined ? "" : `column ${a.column}${a.header ? ` (${a.header})` : ""}`].filter(Boolean).join(", ");
  return `${where}: ${sheetIssue(a)}`;
}

function sheetIssue(a: SheetIssue): string {
  switch (a.issue) {
    case "no-question":
      return `the paper has no question ${a.number}`;
    case "sub-count":
      return a.subs ? `question ${a.number} has ${a.subs} sub-questions, not ${a.asked}` : `question ${a.number} has no sub-questions`;
    case "not-choice":
      return `question ${a.number} is a ${a.type}, not a choice question`;
    case "unknown-column":
      return `unknown column: expected ${a.idHeader}, a question number (12), a sub-question (31(1)) or a choice column (12选项)`;
    case "blank-score":
      return "blank score (use --blank-as-zero to count blanks as 0)";
    case "not-a-number":
      return `not a number: ${JSON.stringify(a.text)}`;
    case "negative":
      return `negative score ${a.score}`;
    case "over-points":
      return `score ${a.score} exceeds the ${a.points} ${a.points === 1 ? "point" : "points"} of the question`;
    case "bad-letters":
      return `option ${JSON.stringify(a.value)}: expected letters among ${a.letters}`;
    case "single-letter":
      return `option ${JSON.stringify(a.value)}: a ${a.type} takes one letter`;
    case "column-twice":
      return `column ${a.name} appears twice (first in column ${a.first})`;
    case "no-id-column":
      return `no candidate id column (headed ${a.idHeader})`;
    case "whole-and-parts":
      return `question ${a.number} is given both whole (${a.whole}) and by sub-question (${a.part}): give one`;
    case "no-column":
      return `no column for question ${a.number}${a.parts.length ? ` (${a.whole}, or ${a.parts.join(", ")})` : ""}`;
    case "missing-parts":
      return `question ${a.number} is given by sub-question but ${a.missing.join(", ")} ${a.missing.length === 1 ? "is" : "are"} missing`;
    case "empty":
      return "the sheet is empty: expected a header row";
    case "no-id":
      return "no candidate id";
    case "id-twice":
      return `candidate ${a.id} appears twice (first in row ${a.firstRow})`;
    case "no-candidates":
      return "no candidate rows under the header";
  }
}

const FILE_KINDS: Record<FileKind, string> = { directory: "a directory", fifo: "a FIFO (named pipe)", device: "a device", socket: "a socket", other: "not a regular file" };

function blueprintRule(a: BlueprintProblem): string {
  switch (a.problem) {
    case "points-total":
      return `sections add up to ${a.sum} ${a.sum === 1 ? "point" : "points"}, paper.total_points is ${a.total}`;
    case "section-id-twice":
      return `two sections have the id ${a.id}`;
    case "undeclared-type":
      return `question type ${a.type} is not one the syllabus declares (${a.declared.join(", ")})`;
    case "options-not-choice":
      return `question_types.${a.type}.options: ${a.type} is not a choice type`;
    case "options-outside-declaration":
      return `question_types.${a.type}.options ${a.min}–${a.max} is outside the syllabus's ${a.declaredMin}–${a.declaredMax}`;
    case "shares-sum":
      return `rules.${a.dimension}.shares add up to ${a.sum} %, not 100 %`;
    case "time-min-over-max":
      return `rules.time.min ${a.min} exceeds max ${a.max}`;
    case "time-over-paper":
      return `rules.time.max ${a.max} exceeds the paper's ${a.minutes} minutes`;
    case "part-without-section":
      return `paper.parts names ${a.type}, which has no section`;
    case "bands-order":
      return `analysis.difficulty_bands must fall from ${a.grades.join(" to ")}, not ${a.bands.join(", ")}`;
    case "bands-undeclared":
      return `analysis.difficulty_bands names ${a.extra.join(", ")}: it gives the lowest p of each declared difficulty but the hardest (${a.expected.join(", ")})`;
    case "bands-missing":
      return `analysis.difficulty_bands needs the lowest p of each of ${a.expected.join(", ")}: ${a.missing.join(", ")} missing`;
    case "named-twice":
      return `${a.map} names ${a.name} twice (as ${a.spellings.join(" and ")})`;
    case "p-range":
      return `analysis.flag_p_range.min ${a.min} exceeds max ${a.max}`;
    case "pass-mark":
      return `analysis.pass_mark ${a.pass} exceeds paper.total_points ${a.total}`;
    case "shares-missing":
      return `rules.${a.dimension}.shares needs a share for each of ${a.declared.join(", ")}: ${a.missing.join(", ")} missing`;
    case "shares-undeclared":
      return `rules.${a.dimension}.shares names ${a.extra.join(", ")}, which the syllabus does not declare (it declares ${a.declared.join(", ")})`;
    case "option-range":
      return `question_types.${a.type}.options.min ${a.min} exceeds max ${a.max}`;
    case "tiers-undeclared":
      return `rules.chapters names the tier ${a.tiers.join(", ")}, which the syllabus does not declare (it declares ${a.declared.join(", ")})`;
  }
}

function syllabusRule(a: SyllabusProblem): string {
  switch (a.problem) {
    case "chapter-twice":
      return `chapter ${a.chapter} appears twice`;
    case "point-twice":
      return `knowledge point ${a.id} appears twice`;
    case "point-chapter":
      return `knowledge point ${a.id} is listed under chapter ${a.chapter}`;
    case "unknown-level":
      return `chapter ${a.chapter}: requirement level ${a.level} is not one of ${a.levels.join(", ")}`;
    case "grade-twice":
      return `${a.list} names ${a.name} twice`;
    case "alias-taken":
      return `${a.list}: ${a.alias}, an alias of ${a.grade}, is already ${a.taken === a.alias ? "a declared name" : `a spelling of ${a.taken}`}`;
    case "undeclared-tier":
      return `chapter ${a.chapter}: tier ${a.tier} is not one of the declared tiers ${a.tiers.join(", ")}`;
  }
}


export const en: Messages = {
  "unknown-chapter": (a) => `${a.id}: chapter ${a.chapter} is not in the syllabus`,
  "unknown-knowledge-point": (a) => `${a.id}: knowledge point ${a.knowledgePoint} is not in the syllabus`,
  "knowledge-point-chapter": (a) => `${a.id}: knowledge point ${a.knowledgePoint} belongs to chapter ${a.belongsTo}, not ${a.chapter}`,
  "marking-sum": (a) =>
    a.subquestion !== undefined
      ? `${a.id}: sub-question ${a.subquestion} marking adds up to ${a.sum}, its points are ${a.points}`
      : `${a.id}: marking adds up to ${a.sum}, the ${a.type} section gives ${a.points} ${a.points === 1 ? "point" : "points"}`,
  "case-points": (a) => `${a.id}: sub-questions add up to ${a.sum} ${a.sum === 1 ? "point" : "points"}, the ${a.type} section gives ${a.points}`,
  "answer-outside-options": (a) => `${a.id}: answer ${a.answer} is not among the options ${a.first}–${a.last}`,
  "identical-options": (a) => `${a.id}: options ${a.first} and ${a.second} are identical`,
  "alike-options": (a) => `${a.id}: options ${a.first} and ${a.second} differ only in full-width and half-width characters`,
  "option-letter": (a) => `${a.id}: option ${a.option} starts with its own letter (${JSON.stringify(a.written)}); the paper prints the letters: leave it out`,
  "repeated-answer-letter": (a) => `${a.id}: answer ${a.answer} names a letter twice`,
  "too-few-correct": (a) => `${a.id}: a ${a.type} needs at least 2 correct options, answer is ${a.answer}`,
  "blank-count": (a) => `${a.id}: the stem has ${a.blanks} ${a.blanks === 1 ? "blank" : "blanks"} (____), ${a.field} gives ${a.answers}`,
  "unknown-allow": (a) => `${a.id}: allow names ${a.name}, which is not an item-writing check`,
  "undeclared-level": (a) => `${a.id}: level ${a.level} is not one the syllabus declares (${a.levels.join(", ")})`,
  "undeclared-difficulty": (a) => `${a.id}: difficulty ${a.difficulty} is not one the syllabus declares (${a.difficulties.join(", ")})`,
  "option-count": (a) => `${a.id}: ${a.count} ${a.count === 1 ? "option" : "options"}, a ${a.type} has ${a.min === a.max ? a.min : `${a.min}–${a.max}`}`,
  "type-not-in-blueprint": (a) => `${a.id}: the blueprint has no ${a.type} section`,
  "difficulty-contradicts-stats": (a) => `${a.id}: tagged ${a.tagged}, but p = ${a.p} in sitting ${a.sitting} (n = ${a.n}) is ${a.observed}`,
  "duplicate-id": (a) => `${a.id}: id already used`,
  "duplicate-stem": (a) => `${a.id}: same ${a.field} as ${a.other}`,
  "self-exclude": (a) => `${a.id}: excludes itself`,
  "unknown-exclude": (a) => `${a.id}: excludes unknown question ${a.other}`,
  "lonely-set": (a) => `${a.id}: the only question of set ${a.set}`,
  "set-enemies": (a) => `${a.id}: excludes ${a.other} of its own set ${a.set}, so the set can never be in a paper`,
  "wrong-section": (a) => `question ${a.id} is a ${a.type}, placed in the ${a.section} section`,
  "unknown-question": (a) => `question ${a.id} is not in the bank`,
  "inline-id-taken": (a) => `inline question ${a.id} has the id of a bank question`,
  "options-order-unknown": (a) => `options_order names ${a.id}, which is not in the paper`,
  "options-order-not-choice": (a) => `options_order names ${a.id}, a ${a.type} without options`,
  "options-order-invalid": (a) => `options_order of ${a.id} must name each of ${a.expected.join(", ")} once, not ${a.found.join(", ")}`,
  schema,
  "paper-schema": schema,
  "blueprint-schema": schema,
  "syllabus-schema": schema,
  "history-schema": schema,
  "blueprint-rule": blueprintRule,
  "syllabus-rule": syllabusRule,
  "no-blueprint": () => "no blueprint given and none found in ./blueprints (use --blueprint FILE)",
  "ambiguous-blueprint": (a) => `several blueprints in ./blueprints (${a.candidates.join(", ")}): choose one with --blueprint FILE`,
  "missing-file": (a) => `${a.kind} ${a.file} does not exist`,
  "missing-bank": (a) => (a.notDirectory ? `bank ${a.dir} is not a directory` : `bank directory ${a.dir} does not exist`),
  "empty-bank": (a) => `bank directory ${a.dir} holds no .yaml, .yml or .json files`,
  unreadable: (a) => `${a.folder ? "folder " : ""}${a.file} ${a.reason}`,
  "not-a-file": (a) =>
    `${a.file} is ${a.what && a.what !== "other" ? `${FILE_KINDS[a.what]}, not a regular file` : "not a regular file (a FIFO, socket or device)"}: zujuan reads only regular files`,
  "too-large": (a) => `${a.file} is ${a.over ? `over ${mib(a.limit)}` : mib(a.bytes)}; input files are limited to ${mib(a.limit)}`,
  "bank-folder-repeated": (a) => `${a.dir} is a folder already read (a symbolic link loop or a second link to it): skipped`,
  "not-utf8": (a) => a.detail,
  "proto-key": (a) => `${a.path}: a key named __proto__ is not allowed`,
  "duplicate-key": (a) => `${a.path}: key ${JSON.stringify(a.key)} is written twice in one mapping (the last would win)`,
  "yaml-syntax": (a) => `${a.yaml ? "YAML syntax" : "syntax"}: ${a.detail}`,
  "bad-sheet": (a) => a.detail,
  "bad-password": (a) => a.detail,
  "bad-font": (a) => `cannot use font ${a.font}: ${a.reason}`,
  "missing-glyph": (a) => a.detail,
  "sheet-unknown-column": sheet,
  "sheet-duplicate-column": sheet,
  "sheet-missing-column": sheet,
  "sheet-empty": sheet,
  "sheet-missing-id": sheet,
  "sheet-duplicate-id": sheet,
  "sheet-bad-score": sheet,
  "sheet-bad-choice": sheet,
  "sheet-no-candidates": sheet,
  "longest-key": (a) => `${a.id}: the key ${a.key} is the longest option by a clear margin (${a.length} characters, the next ${a.next}): a test-wise candidate picks it unread`,
  "absolute-distractor": (a) => `${a.id}: absolute wording only in distractors (${list(a.options)}: ${list(a.words)}): the test-wise reject them unread`,
  "overlapping-options": (a) => `${a.id}: option ${a.option} (${a.text}) is contained in option ${a.within}`,
  "all-of-the-above": (a) => `${a.id}: option ${a.option} is "${a.text}": write a fourth plausible option instead`,
  "all-keyed": (a) => `${a.id}: every option is keyed (${a.answer}): choosing all scores full marks`,
  clang: (a) => `${a.id}: the stem and the key ${a.option} share "${a.word}", which no distractor has (a clang association)`,
  "near-duplicate": (a) => `${a.id}: ${a.kind === "options" ? "option set" : a.kind} near-duplicate of ${list(a.others)} (bigram similarity ${a.similarity} ≥ ${a.threshold}); add ${a.excludes}`,
  "give-away": (a) => `${a.id}: prints ${list(a.phrases)}, the answer of ${list(a.others)}; add ${a.excludes}`,
  "longest-option-cue": (a) => `always picking the longest option scores ${percent(a.score)} of the ${typeList(a.types)} (chance ${percent(a.chance)}, at most ${percent(a.threshold)} wanted)`,
  "absolute-wording-cue": (a) => `absolute wording is in ${percent(a.distractors)} of distractors but ${percent(a.keyed)} of keyed options: it marks the wrong ones`,
  "keyed-count-cue": (a) => `${percent(a.share)} of ${typeList(a.types)} have all or all but one option keyed (at most ${percent(a.threshold)} wanted)`,
  "answer-letter-balance": (a) => `${a.letter} keys ${percent(a.share)} of ${typeList(a.types)} (between ${percent(a.low)} and ${percent(a.high)} wanted)`,
  "difficulty-follows-level": (a) => `difficulty follows level (Cramér's V = ${a.v} > ${a.threshold}): the difficulty rule adds little to the level rule`,
  usage: (a) => a.detail,
  file: (a) => a.detail,
  internal: (a) => `internal error: ${a.detail}`,
};

export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}
