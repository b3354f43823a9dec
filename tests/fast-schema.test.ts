import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileSchema } from "../src/core/fast-schema.js";
import { kindSchemas } from "../src/core/question.js";
import { CATALOGUE_10421, TYPES_ALL_KINDS, catalogueOf } from "./helpers/builders.js";

const ALL_KINDS = catalogueOf(TYPES_ALL_KINDS);
const kindOfType = (type: unknown) => ALL_KINDS.lookup(type)!.kind;
import { readDocument } from "../src/io/read-document.js";
import { rawQuestion } from "./helpers/builders.js";
import { runBinary } from "./helpers/cli.js";

/** The compiled parser must agree with zod: the same verdict, and for accepted input the same output. */
function expectSameAsZod(schema: z.ZodType, input: unknown): void {
  const fast = compileSchema(schema);
  expect(fast, "schema should compile").toBeDefined();
  const compiled = fast!(input);
  const reference = schema.safeParse(input);
  expect(compiled.ok, `verdict for ${JSON.stringify(input)}`).toBe(reference.success);
  if (compiled.ok && reference.success) expect(compiled.data).toStrictEqual(reference.data);
}

describe("compiled schemas agree with zod", () => {
  const cases: [string, z.ZodType, unknown[]][] = [
    ["trimmed non-empty text", z.string().trim().min(1), ["a", "  a ", "", "   ", 3, null, undefined]],
    ["pattern", z.string().regex(/^\d+\.\d+$/), ["1.2", "1.", "x1.2", 1.2]],
    ["positive integer", z.number().int().positive(), [1, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1", 2 ** 60]],
    ["fixed-length list", z.array(z.string()).length(2), [["a", "b"], ["a"], ["a", 1], "ab", []]],
    ["enum with aliases", z.enum(["易", "easy"]).transform((v) => (v === "easy" ? "易" : v)), ["易", "easy", "hard", 1]],
    ["literal", z.literal("x"), ["x", "y", undefined]],
    ["union then transform", z.union([z.string(), z.number()]).transform(String), ["1", 1, true]],
    ["default", z.array(z.string()).default([]), [undefined, ["a"], [1]]],
    [
      "strict object with optional and default fields",
      z.strictObject({ a: z.string(), b: z.number().optional(), c: z.array(z.string()).default([]) }),
      [{ a: "x" }, { a: "x", b: undefined }, { a: "x", b: 1, c: ["y"] }, { a: "x", d: 1 }, { b: 1 }, { a: undefined }, [], null, "x"],
    ],
    ["loose object", z.object({ a: z.string() }), [{ a: "x", extra: 1 }, { a: 1 }]],
    [
      "record with checked keys",
      z.record(z.string().regex(/^[a-z-]+$/), z.string().trim().min(1)).optional(),
      [undefined, {}, { "longest-key": " 理由 " }, { "longest-key": "" }, { Bad: "x" }, { a: 1 }, [], "x", null, Object.create(null), new Date(), JSON.parse('{"__proto__": "x"}')],
    ],
  ];
  it.each(cases)("%s", (_name, schema, inputs) => {
    for (const input of inputs) expectSameAsZod(schema, input);
  });

  it("leaves schemas it cannot follow to zod", () => {
    expect(compileSchema(z.string().refine((s) => s.length > 1))).toBeUndefined();
    expect(compileSchema(z.email())).toBeUndefined();
    expect(compileSchema(z.int())).toBeUndefined();
    expect(compileSchema(z.object({ a: z.string() }).passthrough())).toBeUndefined();
  });
});

const scalar = fc.oneof(fc.string(), fc.constantFrom("", "  ", " 识记 ", "easy", "hard", "1.2", "A", "acd", "x y"), fc.integer({ min: -3, max: 30 }), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 6 }),
  fc.array(fc.record({ point: scalar, points: scalar }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("longest-key", "clang", "Bad", "x y", "1", "__proto__"), scalar, { maxKeys: 3 }),
);

/** A valid question of any type, then a few fields replaced, removed or added. */
const mutatedQuestion = fc
  .tuple(
    fc.constantFrom(...ALL_KINDS.names),
    fc.array(
      fc.tuple(
        fc.constantFrom("id", "chapter", "knowledge_point", "level", "difficulty", "minutes", "stem", "term", "options", "answer", "marking", "material", "subquestions", "excludes", "tags", "source", "explanation", "allow", "extra"),
        fc.oneof(value, fc.constant("__delete__")),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([type, changes]) => {
    const question: Record<string, unknown> = rawQuestion(type, { id: "q1" });
    for (const [key, change] of changes) {
      if (change === "__delete__") delete question[key];
      else question[key] = change;
    }
    return { type, question };
  });

describe("compiled question schemas", () => {
  it("agree with zod on valid and broken questions of every type", () => {
    fc.assert(
      fc.property(mutatedQuestion, ({ type, question }) => expectSameAsZod(kindSchemas[kindOfType(type)], question)),
      { numRuns: 3000 },
    );
  });

  it("read a file's defaults where the question lacks a field, as zod reads the two merged", () => {
    const fileDefaults = fc.dictionary(fc.constantFrom("chapter", "knowledge_point", "level", "difficulty", "minutes", "tags", "source", "extra"), value, { maxKeys: 4 });
    fc.assert(
      fc.property(mutatedQuestion, fileDefaults, ({ type, question }, defaults) => {
        const schema = kindSchemas[kindOfType(type)];
        const compiled = compileSchema(schema)!(question, defaults);
        const reference = schema.safeParse({ ...defaults, ...question });
        expect(compiled.ok, `verdict for ${JSON.stringify({ defaults, question })}`).toBe(reference.success);
        if (compiled.ok && reference.success) expect(compiled.data).toStrictEqual(reference.data);
      }),
      { numRuns: 3000 },
    );
  });

  it("agree with zod on every question of the bundled bank", () => {
    const dir = join(import.meta.dirname, "../bank/10421");
    let seen = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      const read = readDocument(join(dir, file));
      if (!read.ok) throw new Error(`${file} does not parse`);
      const data = read.data as { questions: Record<string, unknown>[] } & Record<string, unknown>;
      const { questions, ...defaults } = data;
      for (const raw of questions) {
        const question = { ...defaults, ...raw };
        expectSameAsZod(kindSchemas[CATALOGUE_10421.lookup(question.type)!.kind], question);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(400);
  });

  it("read type spellings as the syllabus declares them", () => {
    const expected = new Map<unknown, string | undefined>([["单项选择题", "单项选择题"], ["single", "单项选择题"], ["case", "案例分析题"], ["名词解释题", "名词解释"], ["判断题", undefined], ["", undefined], [1, undefined], [undefined, undefined]]);
    for (const [spelling, name] of expected) expect([spelling, CATALOGUE_10421.lookup(spelling)?.name]).toEqual([spelling, name]);
  });
});

describe("where code generation is disallowed", () => {
  it("zod parses alone and the bank still loads (built binary)", async () => {
    const run = await runBinary(["lint", "--format", "json"], { env: { NODE_OPTIONS: "--disallow-code-generation-from-strings" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ok).toBe(true);
  });
});
