import { UsageError } from "./run.js";

/** A whole-number option, at least `min`; undefined when not given. */
export function wholeNumber(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, not ${value}`);
  return Number(value);
}

/** A --time-limit option in seconds (commander supplies the default). */
export function seconds(value: string | undefined, fallback: number): number {
  const limit = Number(value ?? fallback);
  if (!(limit > 0)) throw new UsageError(`--time-limit must be a positive number of seconds, not ${value}`);
  return limit;
}
