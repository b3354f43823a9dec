import type { z } from "zod";

/**
 * A zod schema compiled to a plain function for the input it accepts. zod allocates a result object
 * and an issue list at every node, which for a 50,000-question bank costs most of a second; this walks
 * the same definition once (its checks, transforms and defaults run as they are) and the compiled
 * function allocates nothing but its output.
 *
 * It only decides acceptance and builds the output. Whenever it does not accept, the caller asks zod
 * itself, so every message and location still comes from zod. It reads zod's definitions
 * (`_zod.def`, optin/optout), so tests/fast-schema.test.ts holds the two to the same verdict and
 * output on every upgrade. Schemas using anything not handled here are not compiled (undefined).
 */
export type FastParse<T> = (input: unknown, fallback?: Readonly<Record<string, unknown>>) => { ok: true; data: T } | { ok: false };

const REJECT: unique symbol = Symbol("reject");
/** `fallback`: where an object's parser reads a field the input lacks (see compileSchema); others ignore it. */
type Parser = (input: unknown, fallback?: Readonly<Record<string, unknown>>) => unknown;

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  when?: unknown;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  tx?: (value: unknown) => unknown;
}

class Unsupported extends Error {}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const optionality = (schema: unknown): string | undefined => (schema as { _zod: { optin?: string } })._zod.optin;

type Check = (value: unknown) => unknown;

function check(def: CheckDef): Check {
  const run = unconditionalCheck(def);
  const when = def.when as ((payload: { value: unknown; issues: unknown[] }) => boolean) | undefined;
  if (!when) return run;
  // zod gives length checks a default condition (a value that has a length); ask it as zod does.
  const payload = { value: undefined as unknown, issues: [] };
  return (v) => {
    payload.value = v;
    return when(payload) ? run(v) : v;
  };
}

function unconditionalCheck(def: CheckDef): Check {
  switch (def.check) {
    case "overwrite":
      return def.tx!;
    case "min_length":
      return (v) => ((v as { length: number }).length >= def.minimum! ? v : REJECT);
    case "max_length":
      return (v) => ((v as { length: number }).length <= def.maximum! ? v : REJECT);
    case "length_equals":
      return (v) => ((v as { length: number }).length === def.length! ? v : REJECT);
    case "string_format": {
      const pattern = def.pattern;
      if (def.format !== "regex" || !pattern) throw new Unsupported(`string format ${def.format}`);
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string) ? v : REJECT;
      };
    }
    case "greater_than": {
      const bound = def.value as number;
      if (typeof bound !== "number") throw new Unsupported("non-numeric bound");
      return def.inclusive ? (v) => ((v as number) >= bound ? v : REJECT) : (v) => ((v as number) > bound ? v : REJECT);
    }
    case "less_than": {
      const bound = def.value as number;
      if (typeof bound !== "number") throw new Unsupported("non-numeric bound");
      return def.inclusive ? (v) => ((v as number) <= bound ? v : REJECT) : (v) => ((v as number) < bound ? v : REJECT);
    }
    case "number_format":
      if (def.format !== "safeint") throw new Unsupported(`number format ${def.format}`);
      return (v) => (Number.isSafeInteger(v) ? v : REJECT);
    default:
      throw new Unsupported(`check ${def.check}`);
  }
}

function withChecks(def: Def, accepts: (v: unknown) => boolean): Parser {
  if (def.coerce) throw new Unsupported("coercion");
  const checks = (def.checks ?? []).map((c) => check(c._zod.def));
  return (input) => {
    if (!accepts(input)) return REJECT;
    let value = input;
    for (const run of checks) {
      value = run(value);
      if (value === REJECT) return REJECT;
    }
    return value;
  };
}

interface Field {
  key: string;
  parse: Parser;
  optin: string | undefined;
  optout: string | undefined;
}

/**
 * The object's fields unrolled into straight-line code with fixed property names, as zod's own JIT
 * does: a loop over the keys makes every property access generic, and that loop was most of the time.
 * Absent keys, defaults and undefined values follow zod's handlePropertyResult.
 */
function objectSource(fields: readonly Field[], strict: boolean): string {
  const lines = ["if (typeof input !== 'object' || input === null || Array.isArray(input)) return REJECT;", "const out = {};", "let present = 0;", "let value;"];
  fields.forEach(({ key, optin, optout }, i) => {
    const k = JSON.stringify(key);
    let absent: string[];
    if (optin === undefined) absent = ["return REJECT;"];
    else if (optin === "optional" && optout === "optional") absent = [];
    else {
      const keepUndefined = optin === "defaulted" && optout !== "optional";
      absent = [
        `value = parse${i}(undefined);`,
        `if (value === REJECT) ${optout === "optional" ? "value = undefined;" : "return REJECT;"}`,
        keepUndefined ? `out[${k}] = value;` : `if (value !== undefined) out[${k}] = value;`,
      ];
    }
    lines.push(
      `if (${k} in input) {`,
      "  present++;",
      `  value = parse${i}(input[${k}]);`,
      "  if (value === REJECT) return REJECT;",
      `  out[${k}] = value;`,
      `} else if (fallback !== undefined && ${k} in fallback) {`,
      `  value = parse${i}(fallback[${k}]);`,
      "  if (value === REJECT) return REJECT;",
      `  out[${k}] = value;`,
      `} else {`,
      ...absent.map((line) => `  ${line}`),
      "}",
    );
  });
  if (strict) {
    lines.push("let keys = 0;", "for (const key in input) keys++;", "if (keys !== present) return REJECT;");
    // A fallback field the object does not know is as unknown as the input's own would be.
    lines.push("if (fallback !== undefined) for (const key in fallback) if (!(key in input) && !KNOWN.has(key)) return REJECT;");
  }
  return lines.join("\n");
}

function objectParser(def: Def): Parser {
  const shape = def.shape as Record<string, unknown>;
  const catchall = def.catchall === undefined ? "strip" : defOf(def.catchall).type;
  if (catchall !== "never" && catchall !== "unknown" && catchall !== "strip") throw new Unsupported(`catchall ${catchall}`);
  if (catchall === "unknown") throw new Unsupported("passthrough object");
  const fields: Field[] = Object.keys(shape).map((key) => {
    const internals = (shape[key] as { _zod: { optin?: string; optout?: string } })._zod;
    return { key, parse: compile(shape[key]), optin: internals.optin, optout: internals.optout };
  });
  let factory: (...args: unknown[]) => Parser;
  try {
    factory = new Function("REJECT", "KNOWN", ...fields.map((_, i) => `parse${i}`), `return (input, fallback) => {\n${objectSource(fields, catchall === "never")}\nreturn out;\n};`) as typeof factory;
  } catch {
    throw new Unsupported("code generation is disallowed");
  }
  return factory(REJECT, new Set(fields.map((f) => f.key)), ...fields.map((f) => f.parse));
}

/**
 * A record whose keys are checked, not listed (z.record(z.string()…, …)). A class instance or a
 * symbol key is refused, as zod refuses them; "__proto__" and hidden keys are passed over, as zod does.
 */
function recordParser(def: Def): Parser {
  if ((def.checks ?? []).length) throw new Unsupported("record checks");
  if (def.mode === "loose" || def.partial) throw new Unsupported("loose record");
  if ((def.keyType as { _zod: { values?: unknown } })._zod.values) throw new Unsupported("record of listed keys");
  const key = compile(def.keyType);
  const value = compile(def.valueType);
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return REJECT;
    const proto = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return REJECT;
    const out: Record<string, unknown> = {};
    for (const k of Reflect.ownKeys(input)) {
      // zod passes over these two kinds of key without a word.
      if (k === "__proto__" || !Object.prototype.propertyIsEnumerable.call(input, k)) continue;
      if (typeof k !== "string") return REJECT;
      const outKey = key(k);
      if (outKey === REJECT || typeof outKey !== "string" || outKey === "__proto__") return REJECT;
      const v = value((input as Record<string, unknown>)[k]);
      if (v === REJECT) return REJECT;
      out[outKey] = v;
    }
    return out;
  };
}

function compile(schema: unknown): Parser {
  const def = defOf(schema);
  // Format schemas (z.email(), z.int(), …) are checks on themselves, beyond their type.
  if (def.check !== undefined || def.format !== undefined) throw new Unsupported(`${def.type} format`);
  switch (def.type) {
    case "string":
      return withChecks(def, (v) => typeof v === "string");
    case "number":
      return withChecks(def, (v) => typeof v === "number" && Number.isFinite(v));
    case "boolean":
      return withChecks(def, (v) => typeof v === "boolean");
    case "unknown":
      return (v) => v;
    case "literal": {
      const values = def.values as unknown[];
      return (v) => (values.includes(v) ? v : REJECT);
    }
    case "enum": {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => (values.has(v) ? v : REJECT);
    }
    case "optional": {
      const inner = compile(def.innerType);
      if (optionality(def.innerType) === "defaulted") throw new Unsupported("optional default");
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case "default": {
      const inner = compile(def.innerType);
      // The getter hands out a fresh copy of the default each time, as zod's own parse does.
      return (v) => (v === undefined ? def.defaultValue : inner(v));
    }
    case "array": {
      const element = compile(def.element);
      const checks = withChecks({ type: "array", checks: def.checks ?? [] }, Array.isArray);
      return (input) => {
        if (checks(input) === REJECT) return REJECT;
        const items = input as unknown[];
        const out = new Array<unknown>(items.length);
        for (let i = 0; i < items.length; i++) {
          const value = element(items[i]);
          if (value === REJECT) return REJECT;
          out[i] = value;
        }
        return out;
      };
    }
    case "record":
      return recordParser(def);
    case "object":
      if ((def.checks ?? []).length) throw new Unsupported("object checks");
      return objectParser(def);
    case "union": {
      if (def.discriminator !== undefined) throw new Unsupported("discriminated union");
      const options = (def.options as unknown[]).map(compile);
      return (v) => {
        for (const option of options) {
          const value = option(v);
          if (value !== REJECT) return value;
        }
        return REJECT;
      };
    }
    case "pipe": {
      const first = compile(def.in);
      const second = compile(def.out);
      return (v) => {
        const value = first(v);
        return value === REJECT ? REJECT : second(value);
      };
    }
    case "transform": {
      const transform = def.transform as (value: unknown, context: unknown) => unknown;
      // A transform that reports an issue through its context is not followed here: zod decides.
      const context = {
        issues: [],
        addIssue: () => {
          throw new Unsupported("transform issue");
        },
      };
      return (v) => {
        try {
          const value = transform(v, context);
          return value instanceof Promise ? REJECT : value;
        } catch {
          return REJECT;
        }
      };
    }
    default:
      throw new Unsupported(def.type);
  }
}

/**
 * The fast parser of `schema`, or undefined when it uses something this compiler does not handle.
 * `fallback` gives an object schema's fields the input lacks, as parsing `{ ...fallback, ...input }`
 * would (a bank file's defaults for its questions), without making that copy; it never counts as one
 * of the input's keys for a strict object.
 */
export function compileSchema<S extends z.ZodType>(schema: S): FastParse<z.output<S>> | undefined {
  let parse: Parser;
  try {
    parse = compile(schema);
  } catch (cause) {
    if (cause instanceof Unsupported) return undefined;
    throw cause;
  }
  return (input, fallback) => {
    const value = parse(input, fallback);
    return value === REJECT ? { ok: false } : { ok: true, data: value as z.output<S> };
  };
}
