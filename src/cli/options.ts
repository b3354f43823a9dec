import { UsageError } from "./run.js";

/** A whole-number option from `min` to `max` (at most the largest integer a number holds exactly); undefined when not given. */
export function wholeNumber(name: string, value: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, not ${value}`);
  if (Number(value) > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  return Number(value);
}

/** The longest time limit the timers support: 2^31 - 1 milliseconds. */
export const MAX_SECONDS = 2_147_483;

/** A --time-limit option in seconds (commander supplies the default). */
export function seconds(value: string | undefined, fallback: number): number {
  const limit = Number(value ?? fallback);
  if (!(limit > 0) || !(limit <= MAX_SECONDS)) {
    throw new UsageError(`--time-limit must be a number of seconds above 0 and at most ${MAX_SECONDS} (about 24 days), not ${value}`);
  }
  return limit;
}
