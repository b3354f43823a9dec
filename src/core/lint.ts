import { difficultyBands, observedGrade } from "./analysis/grade.js";
import type { Bank } from "./bank.js";
import { optionCounts, type Blueprint } from "./blueprint.js";
import { sectionFor } from "./sections.js";
import { at, finding, type Diagnostic, type Location } from "./diagnostic.js";
import { displayStem, gradedParts, isChoice, type Question } from "./question.js";
import { markingFit, syllabusScope } from "./structure.js";
import { isItemRule } from "./item-quality/rules.js";
import type { SyllabusIndex } from "./syllabus.js";

export interface LintContext {
  syllabus: SyllabusIndex;
  blueprint?: Blueprint;
}

interface Placed {
  question: Question;
  origin: Location;
}

/** A named cross-field rule over one question. */
interface QuestionRule {
  name: string;
  check: (placed: Placed, context: LintContext) => readonly Diagnostic[];
}

/** A named rule over the whole bank (uniqueness, references between questions). */
interface BankRule {
  name: string;
  check: (all: readonly Placed[], context: LintContext) => Diagnostic[];
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** Most rules find nothing in most questions: one shared empty answer instead of an array each. */
const NONE: readonly Diagnostic[] = Object.freeze([]);

/** Text NFKC leaves as it is (most options): no need to normalise it. */
const ASCII_OR_HAN = /^[\x20-\x7e\u4e00-\u9fff]*$/;

/** A leading option letter: "A.", "A、", "A)", "(A)", "A:" (after NFKC, so "Ａ．" too). */
const OWN_LETTER = /^\s*\(?([A-Ha-h])\s*[.、):：]\s*/;

const questionRules: QuestionRule[] = [
  {
    name: "inside-the-syllabus",
    check: ({ question, origin }, { syllabus }) => syllabusScope(question, origin, syllabus),
  },
  {
    // A grade the syllabus does not declare has no share to count towards and no column to print in.
    name: "declared-grades",
    check: ({ question, origin }, { syllabus }) => {
      let found: Diagnostic[] | undefined;
      gradedParts(question, 0).forEach((part, i) => {
        const where = question.kind === "material" ? at(origin, "subquestions", i) : origin;
        if (!syllabus.levels.includes(part.level)) {
          (found ??= []).push(finding("undeclared-level", { id: question.id, level: part.level, levels: [...syllabus.levels] }, at(where, "level")));
        }
        if (!syllabus.difficulties.includes(part.difficulty)) {
          (found ??= []).push(finding("undeclared-difficulty", { id: question.id, difficulty: part.difficulty, difficulties: [...syllabus.difficulties] }, at(where, "difficulty")));
        }
      });
      return found ?? NONE;
    },
  },
  {
    // The count is the type's declaration in the syllabus, narrowed by the blueprint's question_types.
    name: "option-count",
    check: ({ question, origin }, { blueprint, syllabus }) => {
      if (!isChoice(question)) return NONE;
      const declared = syllabus.types.lookup(question.type);
      if (!declared) return NONE;
      const { min, max } = optionCounts(blueprint, declared);
      const n = question.options.length;
      if (n >= min && n <= max) return NONE;
      return [finding("option-count", { id: question.id, count: n, min, max, type: question.type }, at(origin, "options"))];
    },
  },
  {
    name: "answer-among-options",
    check: ({ question, origin }) => {
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
    check: ({ question, origin }) => {
      if (!isChoice(question)) return NONE;
      // Four or five options: arrays and indexOf, no maps (this runs for every choice question).
      const keys = question.options.map((o) => (/\s/.test(o) ? o.replace(/\s+/g, "") : o));
      // Full-width and half-width forms (５０００, 5000) print differently but read alike.
      const folded = keys.every((k) => ASCII_OR_HAN.test(k)) ? keys : keys.map((k) => k.normalize("NFKC"));
      let found: Diagnostic[] | undefined;
      keys.forEach((key, i) => {
        const first = keys.indexOf(key);
        const alike = folded.indexOf(folded[i]!);
        if (first < i) {
          (found ??= []).push(finding("identical-options", { id: question.id, first: letter(first), second: letter(i) }, at(origin, "options", i)));
        } else if (alike < i) {
          (found ??= []).push(finding("alike-options", { id: question.id, first: letter(alike), second: letter(i) }, at(origin, "options", i)));
        }
      });
      return found ?? NONE;
    },
  },
  {
    name: "option-without-letter",
    check: ({ question, origin }) => {
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
    check: ({ question, origin }) => {
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
    name: "marking-adds-up",
    check: ({ question, origin }, { blueprint }) => markingFit(question, origin, blueprint && sectionFor(blueprint, question)?.points_each),
  },
  {
    // An opt-out must name a real check, or it silently opts out of nothing.
    name: "known-allow",
    check: ({ question, origin }) => {
      if (!question.allow) return NONE;
      const unknown = Object.keys(question.allow).filter((name) => !isItemRule(name));
      return unknown.length ? unknown.map((name) => finding("unknown-allow", { id: question.id, name }, at(origin, "allow", name))) : NONE;
    },
  },
  {
    name: "type-in-blueprint",
    check: ({ question, origin }, { blueprint }) =>
      blueprint && !sectionFor(blueprint, question)
        ? [finding("type-not-in-blueprint", { id: question.id, type: question.type }, at(origin, "type"))]
        : NONE,
  },
  {
    // The latest sitting large enough to count (zujuan analyze) against the tag; a case's stats are whole-question only.
    name: "difficulty-agrees-with-stats",
    check: ({ question, origin }, { blueprint, syllabus }) => {
      if (!blueprint || question.kind === "material" || !question.stats?.length) return [];
      const { min_candidates_for_retag: min, difficulty_bands: bands } = blueprint.analysis;
      const index = question.stats.map((e) => e.n >= min).lastIndexOf(true);
      if (index < 0) return [];
      const entry = question.stats[index]!;
      const observed = observedGrade(entry.p, difficultyBands(bands, syllabus.difficulties));
      return observed === question.difficulty
        ? []
        : [finding("difficulty-contradicts-stats", { id: question.id, tagged: question.difficulty, p: entry.p, sitting: String(entry.sitting), n: entry.n, observed }, at(origin, "stats", index))];
    },
  },
];

const byId = new WeakMap<readonly Placed[], Map<string, Location>>();

/** Where each id is first used; built once per lint for the rules that need it (50,000 ids cost). */
function firstById(all: readonly Placed[]): Map<string, Location> {
  let first = byId.get(all);
  if (!first) {
    first = new Map();
    for (const { question, origin } of all) if (!first.has(question.id)) first.set(question.id, origin);
    byId.set(all, first);
  }
  return first;
}

const bankRules: BankRule[] = [
  {
    name: "unique-ids",
    check: (all) => {
      const first = firstById(all);
      const found: Diagnostic[] = [];
      for (const { question, origin } of all) {
        const earlier = first.get(question.id);
        if (earlier !== origin) found.push({ ...finding("duplicate-id", { id: question.id }, at(origin, "id")), related: at(earlier!, "id") });
      }
      return found;
    },
  },
  {
    name: "unique-stems",
    check: (all) => {
      const firstByType = new Map<string, Map<string, string>>();
      const found: Diagnostic[] = [];
      for (const { question, origin } of all) {
        const stem = displayStem(question);
        const key = /\s/.test(stem) ? stem.replace(/\s+/g, "") : stem;
        let first = firstByType.get(question.type);
        if (!first) firstByType.set(question.type, (first = new Map()));
        const earlier = first.get(key);
        if (earlier && earlier !== question.id) {
          found.push(finding("duplicate-stem", { id: question.id, other: earlier, field: question.kind === "term" ? "term" : "stem" }, at(origin, question.kind === "term" ? "term" : "stem")));
        } else first.set(key, question.id);
      }
      return found;
    },
  },
  {
    name: "known-excludes",
    check: (all) => {
      const ids = firstById(all);
      const found: Diagnostic[] = [];
      for (const { question, origin } of all) {
        // Most questions have no enemies: nothing to allocate for them.
        if (question.excludes.length === 0) continue;
        question.excludes.forEach((id, i) => {
          if (id === question.id) found.push(finding("self-exclude", { id: question.id }, at(origin, "excludes", i)));
          else if (!ids.has(id)) found.push(finding("unknown-exclude", { id: question.id, other: id }, at(origin, "excludes", i)));
        });
      }
      return found;
    },
  },
  {
    name: "sets-can-be-whole",
    check: (all) => {
      const bySet = new Map<string, Placed[]>();
      for (const placed of all) if (placed.question.set !== undefined) bySet.set(placed.question.set, [...(bySet.get(placed.question.set) ?? []), placed]);
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
  },
];

/** Cross-field rules of a parsed bank, each finding located at the field at fault. */
export function lintBank(bank: Bank, context: LintContext): Diagnostic[] {
  const all: Placed[] = bank.questions.map((question, i) => ({ question, origin: bank.origins[i]! }));
  const found: Diagnostic[] = [];
  for (const placed of all) for (const rule of questionRules) for (const d of rule.check(placed, context)) found.push(d);
  for (const rule of bankRules) found.push(...rule.check(all, context));
  return found;
}
