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
    rule: z.string().describe("the rule's id (level:识记, tier:重点, total:points, section:单项选择题, …)"),
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
    id: z.string().describe("the rule's id, stable across runs (level:识记, chapter:3:points, structure:unique, …)"),
    label: z.string().describe("the rule in words, in the language of --lang"),
    group: z.enum(["section", "total", "level", "difficulty", "chapter", "tier", "time", "knowledge-point", "structure", "content", "pin"]),
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

/** What any command prints with --format json when its input is unusable (exit 2) or on a bug (exit 70). */
export const failureOutputSchema = z.looseObject({
  ok: z.literal(false),
  outcome: z.enum(["bad-input", "internal"]),
  diagnostics: z.array(findingSchema),
});

export const OUTPUT_SCHEMAS = { validate: validateOutputSchema, lint: lintOutputSchema, generate: generateOutputSchema, failure: failureOutputSchema } as const;

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
