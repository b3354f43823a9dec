import { difficultyBands, observedGrade } from "./analysis/grade.js";
import type { Bank } from "./bank.js";
import { optionCounts, type Blueprint, type OptionRange } from "./blueprint.js";
import { sectionFor } from "./sections.js";
import { at, finding, type Diagnostic, type Location } from "./diagnostic.js";
import { displayStem, isChoice, type ChoiceQuestion, type Question } from "./question.js";
import { heldToSectionPoints, markingFit, syllabusScope } from "./structure.js";
import { isItemRule } from "./item-quality/rules.js";
import type { SyllabusIndex } from "./syllabus.js";
import type { Difficulty, Level } from "./vocabulary.js";

export interface LintContext {
  syllabus: SyllabusIndex;
  blueprint?: Blueprint;
}

/**
 * What the rules read of the context, worked out once per lint rather than once per question: a bank
 * of 50,000 questions asks the same few questions of the blueprint 50,000 times.
 */
interface Prepared extends LintContext {
  /** The types the blueprint has a section for (sectionFor finds one exactly when the type has one). */
  sectionTypes: ReadonlySet<string> | undefined;
  /** The option count a choice type allows, or undefined for a type the syllabus does not declare. */
  optionRange: (type: string) => OptionRange | undefined;
}

function prepare(context: LintContext): Prepared {
  const ranges = new Map<string, OptionRange | undefined>();
  return {
    ...context,
    sectionTypes: context.blueprint && new Set(context.blueprint.sections.map((s) => s.type)),
    optionRange: (type) => {
      if (ranges.has(type)) return ranges.get(type);
      const declared = context.syllabus.types.lookup(type);
      const range = declared && optionCounts(context.blueprint, declared);
      ranges.set(type, range);
      return range;
    },
  };
}

/** A named cross-field rule over one question. */
interface QuestionRule {
  name: string;
  check: (question: Question, origin: Location, context: Prepared) => readonly Diagnostic[];
}

/**
 * A named rule over the whole bank (uniqueness, references between questions), shown the questions one
 * at a time in bank order, in the same pass as the question rules, and asked for its findings at the end.
 */
interface BankRule {
  name: string;
  see: (question: Question, origin: Location) => void;
  findings: () => Diagnostic[];
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** Most rules find nothing in most questions: one shared empty answer instead of an array each. */
const NONE: readonly Diagnostic[] = Object.freeze([]);

/** Text NFKC leaves as it is (most options): no need to normalise it. */
const ASCII_OR_HAN = /^[\x20-\x7e\u4e00-\u9fff]*$/;

/** A leading option letter: "A.", "A、", "A)", "(A)", "A:" (after NFKC, so "Ａ．" too). */
const OWN_LETTER = /^\s*\(?([A-Ha-h])\s*[.、):：]\s*/;

/** Options with no whitespace and nothing NFKC would change (most options): they are their own keys. */
const PLAIN_OPTION = /^[\x21-\x7e\u4e00-\u9fff]*$/;

/** The grades of one graded part (the question, or a case's sub-question) the syllabus does not declare. */
function undeclaredGrades(id: string, level: Level, difficulty: Difficulty, where: Location, syllabus: SyllabusIndex, found: Diagnostic[] | undefined): Diagnostic[] | undefined {
  if (!syllabus.levels.includes(level)) {
    (found ??= []).push(finding("undeclared-level", { id, level, levels: [...syllabus.levels] }, at(where, "level")));
  }
  if (!syllabus.difficulties.includes(difficulty)) {
    (found ??= []).push(finding("undeclared-difficulty", { id, difficulty, difficulties: [...syllabus.difficulties] }, at(where, "difficulty")));
  }
  return found;
}

/** Identical options, and options alike once whitespace and full-width forms are set aside. */
function optionClashes(question: ChoiceQuestion, origin: Location): readonly Diagnostic[] {
  const options = question.options;
  // Four or five options: arrays and indexOf, no maps (this runs for every choice question). When every
  // option is plain, the keys are the options themselves and alike means identical: nothing to build.
  const plain = options.every((o) => PLAIN_OPTION.test(o));
  const keys = plain ? options : options.map((o) => (/\s/.test(o) ? o.replace(/\s+/g, "") : o));
  // Full-width and half-width forms (５０００, 5000) print differently but read alike.
  const folded = plain || keys.every((k) => ASCII_OR_HAN.test(k)) ? keys : keys.map((k) => k.normalize("NFKC"));
  let found: Diagnostic[] | undefined;
  for (let i = 1; i < keys.length; i++) {
    const first = keys.indexOf(keys[i]!);
    const alike = folded.indexOf(folded[i]!);
    if (first < i) {
      (found ??= []).push(finding("identical-options", { id: question.id, first: letter(first), second: letter(i) }, at(origin, "options", i)));
    } else if (alike < i) {
      (found ??= []).push(finding("alike-options", { id: question.id, first: letter(alike), second: letter(i) }, at(origin, "options", i)));
    }
  }
  return found ?? NONE;
}

const questionRules: QuestionRule[] = [
  {
    name: "inside-the-syllabus",
    check: (question, origin, { syllabus }) => syllabusScope(question, origin, syllabus),
  },
  {
    // A grade the syllabus does not declare has no share to count towards and no column to print in.
    name: "declared-grades",
    check: (question, origin, { syllabus }) => {
      if (question.kind !== "material") return undeclaredGrades(question.id, question.level, question.difficulty, origin, syllabus, undefined) ?? NONE;
      let found: Diagnostic[] | undefined;
      question.subquestions.forEach((sub, i) => {
        found = undeclaredGrades(question.id, sub.level, sub.difficulty, at(origin, "subquestions", i), syllabus, found);
      });
      return found ?? NONE;
    },
  },
  {
    // The count is the type's declaration in the syllabus, narrowed by the blueprint's question_types.
    name: "option-count",
    check: (question, origin, { optionRange }) => {
      if (!isChoice(question)) return NONE;
      const range = optionRange(question.type);
      if (!range) return NONE;
      const { min, max } = range;
      const n = question.options.length;
      if (n >= min && n <= max) return NONE;
      return [finding("option-count", { id: question.id, count: n, min, max, type: question.type }, at(origin, "options"))];
    },
  },
  {
    name: "answer-among-options",
    check: (question, origin) => {
      if (!isChoice(question)) return NONE;
      const last = letter(question.options.length - 1);
      if (question.answer.length === 1 && question.answer >= "A" && question.answer <= last) return NONE;
      const valid = question.options.map((_, i) => letter(i));
      const outside = [...question.answer].filter((l) => !valid.includes(l));
      return outside.length
        ? [finding("answer-outside-options", { id: question.id, answer: outside.join(""), first: valid[0]!, last: valid[valid.length - 1]! }, at(origin, "answer"))]
        : NONE;
    },
  },
  {
    name: "distinct-options",
    check: (question, origin) => (isChoice(question) ? optionClashes(question, origin) : NONE),
  },
  {
    name: "option-without-letter",
    check: (question, origin) => {
      if (!isChoice(question)) return NONE;
      let found: Diagnostic[] | undefined;
      question.options.forEach((option, i) => {
        // Most options start with a Chinese character: no letter to look for.
        const c = option.charCodeAt(0);
        if (c > 0x7f && c < 0xff00) return;
        // "A. 无形性" would print as "A. A. 无形性": the paper adds the letters itself.
        const own = OWN_LETTER.exec(c >= 0xff00 ? option.normalize("NFKC") : option);
        if (own && own[1]!.toUpperCase() === letter(i)) {
          (found ??= []).push(finding("option-letter", { id: question.id, option: letter(i), written: option.slice(0, own[0].length).trim() }, at(origin, "options", i)));
        }
      });
      return found ?? NONE;
    },
  },
  {
    name: "multiple-choice-answer",
    check: (question, origin) => {
      if (question.kind !== "multiple-choice") return NONE;
      const letters = [...question.answer];
      if (new Set(letters).size !== letters.length) {
        return [finding("repeated-answer-letter", { id: question.id, answer: question.answer }, at(origin, "answer"))];
      }
      return letters.length < 2
        ? [finding("too-few-correct", { id: question.id, answer: question.answer, type: question.type }, at(origin, "answer"))]
        : NONE;
    },
  },
  {
    // Only the kinds held to their section's points need the section (sectionFor hashes ids to spread).
    name: "marking-adds-up",
    check: (question, origin, { blueprint }) =>
      markingFit(question, origin, blueprint && heldToSectionPoints(question) ? sectionFor(blueprint, question)?.points_each : undefined),
  },
  {
    // An opt-out must name a real check, or it silently opts out of nothing.
    name: "known-allow",
    check: (question, origin) => {
      if (!question.allow) return NONE;
      const unknown = Object.keys(question.allow).filter((name) => !isItemRule(name));
      return unknown.length ? unknown.map((name) => finding("unknown-allow", { id: question.id, name }, at(origin, "allow", name))) : NONE;
    },
  },
  {
    name: "type-in-blueprint",
    check: (question, origin, { sectionTypes }) =>
      sectionTypes && !sectionTypes.has(question.type) ? [finding("type-not-in-blueprint", { id: question.id, type: question.type }, at(origin, "type"))] : NONE,
  },
  {
    // The latest sitting large enough to count (zujuan analyze) against the tag; a case's stats are whole-question only.
    name: "difficulty-agrees-with-stats",
    check: (question, origin, { blueprint, syllabus }) => {
      if (!blueprint || question.kind === "material" || !question.stats?.length) return NONE;
      const { min_candidates_for_retag: min, difficulty_bands: bands } = blueprint.analysis;
      const index = question.stats.map((e) => e.n >= min).lastIndexOf(true);
      if (index < 0) return NONE;
      const entry = question.stats[index]!;
      const observed = observedGrade(entry.p, difficultyBands(bands, syllabus.difficulties));
      return observed === question.difficulty
        ? NONE
        : [finding("difficulty-contradicts-stats", { id: question.id, tagged: question.difficulty, p: entry.p, sitting: String(entry.sitting), n: entry.n, observed }, at(origin, "stats", index))];
    },
  },
];

/** The ids seen so far, kept by unique-ids and read by known-excludes once every question is seen. */
type Ids = Set<string>;

function uniqueIds(ids: Ids, bank: Bank): BankRule {
  const repeats: { question: Question; origin: Location }[] = [];
  return {
    name: "unique-ids",
    see: (question, origin) => {
      if (ids.has(question.id)) repeats.push({ question, origin });
      else ids.add(question.id);
    },
    // Repeated ids are rare: where each was first used is looked up once, at the end.
    findings: () => {
      if (repeats.length === 0) return [];
      const first = firstUses(bank, new Set(repeats.map((r) => r.question.id)));
      const found: Diagnostic[] = [];
      for (const { question, origin } of repeats) {
        const earlier = first.get(question.id)!;
        // The same origin twice is one question listed twice (a paper's inline questions), not two.
        if (earlier !== origin) found.push({ ...finding("duplicate-id", { id: question.id }, at(origin, "id")), related: at(earlier, "id") });
      }
      return found;
    },
  };
}

/** Where each of `ids` is first used in the bank. */
function firstUses(bank: Bank, ids: ReadonlySet<string>): Map<string, Location> {
  const first = new Map<string, Location>();
  bank.questions.forEach((q, i) => {
    if (ids.has(q.id) && !first.has(q.id)) first.set(q.id, bank.origins[i]!);
  });
  return first;
}

function uniqueStems(): BankRule {
  const firstByType = new Map<string, Map<string, string>>();
  const found: Diagnostic[] = [];
  return {
    name: "unique-stems",
    see: (question, origin) => {
      const stem = displayStem(question);
      const key = /\s/.test(stem) ? stem.replace(/\s+/g, "") : stem;
      let first = firstByType.get(question.type);
      if (!first) firstByType.set(question.type, (first = new Map()));
      const earlier = first.get(key);
      if (earlier && earlier !== question.id) {
        found.push(finding("duplicate-stem", { id: question.id, other: earlier, field: question.kind === "term" ? "term" : "stem" }, at(origin, question.kind === "term" ? "term" : "stem")));
      } else first.set(key, question.id);
    },
    findings: () => found,
  };
}

/** An enemy may be a question further on: the excludes are checked once every id is known. */
function knownExcludes(ids: Ids): BankRule {
  // Most questions have no enemies: only those that have are kept.
  const withEnemies: Question[] = [];
  const origins: Location[] = [];
  return {
    name: "known-excludes",
    see: (question, origin) => {
      if (question.excludes.length === 0) return;
      withEnemies.push(question);
      origins.push(origin);
    },
    findings: () => {
      const found: Diagnostic[] = [];
      withEnemies.forEach((question, q) => {
        question.excludes.forEach((id, i) => {
          if (id === question.id) found.push(finding("self-exclude", { id: question.id }, at(origins[q]!, "excludes", i)));
          else if (!ids.has(id)) found.push(finding("unknown-exclude", { id: question.id, other: id }, at(origins[q]!, "excludes", i)));
        });
      });
      return found;
    },
  };
}

function setsCanBeWhole(): BankRule {
  const bySet = new Map<string, { question: Question; origin: Location }[]>();
  return {
    name: "sets-can-be-whole",
    see: (question, origin) => {
      if (question.set === undefined) return;
      const members = bySet.get(question.set);
      if (members) members.push({ question, origin });
      else bySet.set(question.set, [{ question, origin }]);
    },
    findings: () => {
      const found: Diagnostic[] = [];
      for (const [set, members] of bySet) {
        const ids = new Set(members.map((m) => m.question.id));
        if (members.length === 1) found.push(finding("lonely-set", { id: members[0]!.question.id, set }, at(members[0]!.origin, "set")));
        // A set whose members exclude each other can never be in a paper whole: never at all.
        for (const { question, origin } of members) {
          const enemy = question.excludes.find((id) => ids.has(id));
          if (enemy) found.push(finding("set-enemies", { id: question.id, other: enemy, set }, at(origin, "excludes")));
        }
      }
      return found;
    },
  };
}

/**
 * Cross-field rules of a parsed bank, each finding located at the field at fault: every question's
 * findings in bank order, then each bank rule's. One pass over the bank feeds them all (each pass over
 * 50,000 questions scattered in memory costs about as much as the checks it makes).
 */
export function lintBank(bank: Bank, context: LintContext): Diagnostic[] {
  const steps = lintBankInSteps(bank, context);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Questions linted between two pauses of lintBankInSteps: a few milliseconds' work. */
const LINT_STEP_QUESTIONS = 2_000;

/**
 * lintBank, pausing after every `stepQuestions` questions: a caller with other work waiting on the same
 * thread (a solver's answer to read, the next model to send) can do it between steps. The findings
 * are the generator's return value, the same as lintBank's.
 */
export function* lintBankInSteps(bank: Bank, context: LintContext, stepQuestions = LINT_STEP_QUESTIONS): Generator<void, Diagnostic[], void> {
  const prepared = prepare(context);
  const ids: Ids = new Set();
  const bankRules = [uniqueIds(ids, bank), uniqueStems(), knownExcludes(ids), setsCanBeWhole()];
  const found: Diagnostic[] = [];
  const { questions, origins } = bank;
  // Indexed loops: for-of allocates an iterator and a result per step until the loop is optimised,
  // which over 50,000 questions and a dozen rules each was ~45 MB of garbage.
  for (let start = 0; start < questions.length; start += stepQuestions) {
    if (start > 0) yield;
    const end = Math.min(questions.length, start + stepQuestions);
    for (let i = start; i < end; i++) {
      const question = questions[i]!;
      const origin = origins[i]!;
      for (let r = 0; r < questionRules.length; r++) {
        const findings = questionRules[r]!.check(question, origin, prepared);
        for (let k = 0; k < findings.length; k++) found.push(findings[k]!);
      }
      for (let r = 0; r < bankRules.length; r++) bankRules[r]!.see(question, origin);
    }
  }
  for (const rule of bankRules) for (const d of rule.findings()) found.push(d);
  return found;
}
