import { z } from "zod";
import { FINDINGS, type FindingCode } from "../core/findings.js";

/**
 * The JSON that `--format json` prints, as schemas: published in schemas/*.json (written from these
 * by `npm run schemas`; tests/output-schemas.test.ts checks the files are current and that real
 * output matches them).
 * The version is in each schema's $id: a change that breaks a script reading the JSON raises it.
 */
export const OUTPUT_SCHEMA_VERSION = 1;

const codes = Object.keys(FINDINGS) as [FindingCode, ...FindingCode[]];

const location = z.object({
  file: z.string().describe("the file as the user named it"),
  path: z.array(z.union([z.string(), z.number()])).describe("keys and list indexes inside the document"),
  line: z.number().int().optional(),
  col: z.number().int().optional(),
});

export const findingSchema = z
  .object({
    code: z.enum(codes).describe("the finding's code: one of the registry's (src/core/findings.ts)"),
    severity: z.enum(["error", "warning"]),
    message: z.string().describe("the finding in words, in the language of --lang"),
    args: z.record(z.string(), z.unknown()).describe("the finding's particulars as data: ids, numbers, names (their shape depends on the code)"),
    location: location.optional(),
    related: location.optional().describe("another place the finding is about (where a duplicated id was first used)"),
  })
  .strict();

const bounds = z.object({ min: z.number().optional(), max: z.number().optional() }).strict();

/** A rule that cannot hold, as numbers and in words. */
const shortfallSchema = z
  .object({
    rule: z.string().describe("the rule's id (level:<name>, tier:<name>, total:points, section:<type>, …)"),
    label: z.string().describe("the rule in words, in the language of --lang"),
    message: z.string().describe("why it cannot hold, in the language of --lang"),
    subject: z.looseObject({ rule: z.string() }).describe("what the rule is about, as data"),
    expected: bounds.describe("the rule's bounds (for disjoint forms, those of each form)"),
    form: z.number().int().describe("the form (0-based) where the closest paper misses the rule"),
    shortBy: z.number().describe("how far the closest paper is from the rule, in its unit: positive too little, negative too much"),
    closest: z.number().describe("the amount the closest paper (or the bank, or the blueprint's arithmetic) comes to"),
    unit: z.enum(["questions", "points", "minutes"]),
    supply: z.looseObject({ min: z.number(), max: z.number() }).optional().describe("what the eligible questions can give for the rule at all, by section"),
    bound: z.boolean().optional().describe("the amount is a bound no paper can beat, not a paper found"),
    why: z
      .looseObject({ kind: z.enum(["bank-supply", "closest-paper", "disjoint-forms", "forms-supply", "tier-ranges", "chapter-ranges", "tier-vs-others", "chapter-knowledge-points", "knowledge-point-capacity"]) })
      .describe("why, as data: the kind of reason and its numbers"),
  })
  .strict();

export const ruleCheckSchema = z
  .object({
    id: z.string().describe("the rule's id, stable across runs (level:<name>, chapter:3:points, structure:unique, …)"),
    label: z.string().describe("the rule in words, in the language of --lang"),
    group: z.enum(["section", "total", "level", "difficulty", "chapter", "tier", "time", "knowledge-point", "structure", "content", "pin", "history", "overlap"]),
    subject: z.looseObject({ rule: z.string() }).describe("what the rule is about, as data: its kind (rule) and its numbers and names"),
    expected: bounds.describe("the bounds the rule sets; a missing bound is no bound"),
    actual: z.number().nullable().describe("the measured value in unit; null when there is nothing to measure (no such section)"),
    unit: z.enum(["questions", "points", "minutes", "sections", "repeats", "pairs", "sets", "findings"]),
    status: z.enum(["pass", "fail", "warning"]),
    questions: z.array(z.string()).describe("the questions behind the actual value, or that break the rule"),
  })
  .strict();

const targetPair = z.object({ actual: z.number(), target: z.number() }).strict();

const specSchema = z.looseObject({
  rows: z.array(z.looseObject({ chapter: z.number().int(), title: z.string(), tier: z.string(), points: z.number(), levels: z.record(z.string(), z.number()) })),
  levels: z.record(z.string(), targetPair),
  difficulty: z.record(z.string(), targetPair),
  total: targetPair,
  minutes: z.number(),
  items: z.array(z.looseObject({})),
});

/** zujuan validate --format json */
export const validateOutputSchema = z
  .object({
    ok: z.boolean().describe("true when every rule passes"),
    checks: z.array(ruleCheckSchema),
    spec: specSchema.describe("the 双向细目表: points by chapter and level, difficulty, minutes"),
    diagnostics: z.array(findingSchema).describe("findings about the paper itself, each reported once"),
  })
  .strict();

/** zujuan lint --format json */
export const lintOutputSchema = z
  .object({
    ok: z.boolean().describe("true when no finding is an error"),
    summary: z.looseObject({ bank: z.string(), files: z.number().int(), questions: z.number().int(), errors: z.number().int(), warnings: z.number().int() }),
    diagnostics: z.array(findingSchema),
    cues: z.looseObject({}).describe("the choice questions' cue statistics"),
  })
  .strict();

const paperSection = z.object({ type: z.string(), points_each: z.number(), questions: z.array(z.union([z.string(), z.looseObject({})])) }).strict();

/** zujuan generate --format json: the papers written, or why there is none. */
export const generateOutputSchema = z.union([
  z
    .object({
      ok: z.literal(true),
      seed: z.number().int().describe("the seed that reproduces these papers"),
      files: z.array(z.string()).describe("every file written (paper files, PDFs, .docx)"),
      forms: z.array(
        z
          .object({
            label: z.string().describe("the form: A, B, …"),
            file: z.string(),
            sections: z.array(paperSection),
            checks: z.array(ruleCheckSchema),
            spec: specSchema,
          })
          .strict(),
      ),
      stats: z.looseObject({ seed: z.number().int() }).describe("how the search went: solves, seconds, model sizes"),
      notes: z.array(z.string()).optional().describe("what the recovery of an interrupted earlier run did"),
    })
    .strict(),
  z.looseObject({
    ok: z.literal(false),
    outcome: z.enum(["infeasible", "timeout", "internal"]).describe("exit 3, 4 or 70"),
    seed: z.number().int(),
    diagnosis: z
      .object({
        message: z.string().describe("why no paper meets every rule, or how far the search got, in the language of --lang"),
        proven: z.boolean().describe("proven that no paper can meet every rule (false when the time limit or a pin order stopped the search)"),
        shortfalls: z.array(shortfallSchema).describe("rules the closest paper misses (or that several disjoint forms cannot share)"),
        bankShort: z.array(shortfallSchema).describe("rules the bank or the blueprint's own arithmetic rules out, whatever the other rules"),
        failure: z.looseObject({ kind: z.enum(["solver", "internal-check"]) }).optional().describe("a solver failure, or a paper the checker refused (a bug)"),
        inTurn: z.string().optional().describe("forms were built in turn (pins to forms): this form could not be built beside the ones before it"),
        culprits: z.array(z.string()).optional().describe("included questions without which a paper exists"),
      })
      .strict(),
  }),
]);

const worded = { label: z.string().describe("what it is about, in words, in the language of --lang"), message: z.string().describe("how it runs out, in words, in the language of --lang") };
const sectionLimit = z.looseObject({
  kind: z.literal("section"),
  id: z.string().describe("section:<type>"),
  type: z.string(),
  papers: z.number().int().describe("at most this many pairwise-disjoint papers, by this section alone"),
  perPaper: z.number().int(),
  eligible: z.number().int(),
  usable: z.number().int().describe("eligible questions some paper can hold"),
  blocked: z.array(z.looseObject({ rule: z.string(), subject: z.looseObject({ rule: z.string() }), questions: z.number().int(), examples: z.array(z.string()) })),
});
const ruleLimit = z.looseObject({
  kind: z.literal("rule"),
  id: z.string().describe("the rule's id, as in validate's checks"),
  subject: z.looseObject({ rule: z.string() }).describe("what the rule is about, as data"),
  unit: z.enum(["questions", "points", "minutes"]),
  expected: bounds.describe("the rule's bounds for one paper"),
  papers: z.number().int().describe("at most this many pairwise-disjoint papers, by this rule alone"),
  side: z.enum(["min", "max"]).describe("the bound one paper more breaks"),
  total: z.number().describe("that bound over papers + 1 papers"),
  reach: z.number().describe("the most (side min) or least (side max) the usable questions give over papers + 1 papers"),
});
const supplyLimit = z.union([sectionLimit.extend(worded), ruleLimit.extend(worded)]);
const runsOut = z.union([
  z.looseObject({ source: z.literal("supply"), kind: z.literal("supply"), id: z.string(), limit: z.union([sectionLimit, ruleLimit]), ...worded }),
  z.looseObject({
    source: z.literal("aggregate"),
    kind: z.literal("shortfall"),
    id: z.string(),
    subject: z.looseObject({ rule: z.string() }),
    unit: z.enum(["questions", "points", "minutes"]),
    expected: bounds,
    papers: z.number().int(),
    total: z.number().describe("the bound over all the papers"),
    closest: z.number().describe("the closest the questions come, over all the papers together"),
    shortBy: z.number().describe("positive: too little; negative: too much"),
    ...worded,
  }),
  z.looseObject({ source: z.enum(["aggregate", "joint"]), kind: z.literal("together"), id: z.literal("interaction"), papers: z.number().int(), ...worded }),
  z.looseObject({
    source: z.literal("search"),
    kind: z.literal("undecided"),
    id: z.literal("undecided"),
    papers: z.number().int(),
    built: z.number().int(),
    atMost: z.number().int(),
    maxNodes: z.number().int(),
    joint: z.object({ choices: z.number(), limit: z.number() }).strict().optional(),
    ...worded,
  }),
]);

export const requirementSchema = z
  .object({
    id: z.string().describe("lint, knowledge-point:<id>, chapter:<n>:types, chapter:<n>:levels, capacity"),
    label: z.string().describe("the requirement in words, in the language of --lang"),
    message: z.string().optional().describe("what is missing, in words (unmet requirements only)"),
    group: z.enum(["lint", "knowledge-point", "chapter-types", "chapter-levels", "capacity"]),
    subject: z.looseObject({ rule: z.string() }).describe("what the requirement is about, as data: its kind (rule) and its numbers and names"),
    met: z.boolean(),
    expected: bounds,
    actual: z.number(),
    unit: z.enum(["errors", "questions", "types", "levels", "papers"]),
  })
  .strict();

/** zujuan coverage --format json */
export const coverageOutputSchema = z
  .object({
    ok: z.boolean().describe("true when every requirement is met"),
    bank: z.string(),
    blueprint: z.string(),
    questions: z.number().int(),
    minQuestionsPerKnowledgePoint: z.number().int(),
    minPapers: z.number().int(),
    diagnostics: z.array(findingSchema).describe("load and lint findings"),
    matrices: z.array(z.looseObject({ id: z.enum(["chapter-type", "chapter-level", "chapter-difficulty", "level-difficulty"]), title: z.string() })),
    knowledgePoints: z.array(z.looseObject({ id: z.string(), title: z.string(), chapter: z.number().int(), questions: z.number().int(), points: z.number() })),
    needs: z.array(
      z.looseObject({
        chapter: z.number().int(),
        title: z.string(),
        types: z.array(z.string()),
        typesExempt: z.array(z.object({ type: z.string(), pointsEach: z.number(), tier: z.string(), max: z.number(), reason: z.string().describe("why, in the language of --lang") }).strict()),
        levels: z.array(z.string()),
      }),
    ),
    requirements: z.array(requirementSchema),
    capacity: z.number().int().describe("pairwise-disjoint papers built and checked (the details in capacityReport)"),
    capacityReport: z.looseObject({
      papers: z.number().int(),
      exact: z.boolean().describe("papers + 1 is proven impossible"),
      atMost: z.number().int(),
      upperBound: z.number().int().describe("the bound from supply arithmetic alone"),
      limits: z.array(supplyLimit),
      sections: z.array(z.looseObject({ type: z.string(), perPaper: z.number().int(), eligible: z.number().int(), usable: z.number().int() })),
      runsOut: z.array(runsOut).describe("what runs out first, at papers + 1"),
      steps: z.looseObject({ aggregate: z.array(z.looseObject({})), constructions: z.array(z.number().int()) }),
      maxNodes: z.number().int(),
      seconds: z.number(),
    }),
    cues: z.looseObject({}).describe("the choice questions' cue statistics"),
    usage: z.looseObject({ history: z.string() }).optional().describe("the usage history beside the bank, when there is one"),
  })
  .strict();

/** zujuan replace --format json: the new paper, or why no replacement exists. */
export const replaceOutputSchema = z.union([
  z
    .object({
      ok: z.literal(true),
      seed: z.number().int().describe("the seed that reproduces this replacement"),
      file: z.string().describe("the new paper file"),
      files: z.array(z.string()).describe("every file written"),
      changed: z.array(z.looseObject({ number: z.number().int(), from: z.string(), to: z.string() })).describe("each question changed: its number in the paper, the old id and the new"),
      sections: z.array(paperSection),
      checks: z.array(z.looseObject({ id: z.string(), status: z.enum(["pass", "fail", "warning"]) })),
    })
    .strict(),
  z.looseObject({ ok: z.literal(false), outcome: z.enum(["bad-input", "infeasible", "timeout", "internal"]) }),
]);

/** zujuan render --format json */
export const renderOutputSchema = z
  .object({
    ok: z.literal(true),
    files: z.array(z.object({ kind: z.enum(["paper", "answers", "spec", "sheet"]), file: z.string(), bytes: z.number().int() }).strict()),
    encrypted: z.boolean(),
    failingRules: z.array(z.string()).describe("rules the paper breaks (it is rendered anyway)"),
  })
  .strict();

/** zujuan record --format json */
export const recordOutputSchema = z
  .object({
    ok: z.literal(true),
    history: z.string().describe("the history file beside the bank"),
    sitting: z.string(),
    added: z.boolean().describe("false when the paper was already recorded for the sitting"),
    questions: z.array(z.string()),
  })
  .strict();

/** zujuan analyze --format json: a score-sheet template, or the analysis of a sitting (and the retag plan). */
export const analyzeOutputSchema = z.union([
  z.object({ ok: z.literal(true), file: z.string(), columns: z.array(z.string()).describe("the template's header row") }).strict(),
  z
    .object({
      ok: z.literal(true),
      analysis: z.looseObject({ sitting: z.string(), paper: z.looseObject({ n: z.number().int() }), items: z.array(z.looseObject({})) }),
      files: z.array(z.string()).describe("the report files written"),
      retag: z.looseObject({ files: z.array(z.string()), written: z.boolean() }).optional().describe("with --retag: the difficulty tags to change"),
    })
    .strict(),
]);

/** What any command prints with --format json when its input is unusable (exit 2) or on a bug (exit 70). */
export const failureOutputSchema = z.looseObject({
  ok: z.literal(false),
  outcome: z.enum(["bad-input", "internal"]),
  diagnostics: z.array(findingSchema),
});

export const OUTPUT_SCHEMAS = {
  validate: validateOutputSchema,
  lint: lintOutputSchema,
  generate: generateOutputSchema,
  coverage: coverageOutputSchema,
  replace: replaceOutputSchema,
  render: renderOutputSchema,
  record: recordOutputSchema,
  analyze: analyzeOutputSchema,
  failure: failureOutputSchema,
} as const;

/** The JSON Schema document of one command's output, as published in schemas/. */
export function outputJsonSchema(name: keyof typeof OUTPUT_SCHEMAS): Record<string, unknown> {
  const schema = z.toJSONSchema(OUTPUT_SCHEMAS[name], { target: "draft-2020-12" });
  return {
    $id: `urn:zujuan:output:${name}:${OUTPUT_SCHEMA_VERSION}`,
    title: `zujuan ${name === "failure" ? "unusable input (any command)" : name} --format json, version ${OUTPUT_SCHEMA_VERSION}`,
    ...schema,
  };
}

/** The file of each schema in schemas/, its version in the name. */
export function outputSchemaFile(name: keyof typeof OUTPUT_SCHEMAS): string {
  return `${name}.v${OUTPUT_SCHEMA_VERSION}.schema.json`;
}

/** The text of a schema file: stable key order, two-space indent, a final newline. */
export function outputSchemaText(name: keyof typeof OUTPUT_SCHEMAS): string {
  return `${JSON.stringify(outputJsonSchema(name), null, 2)}\n`;
}
