/**
 * Sets of sums a paper can reach: the exact arithmetic behind the supply bounds. Values are rounded to
 * 1e-6 so that 3.5 + 3.5 and 7 are one sum. A set that would grow past `limit` distinct sums is given up
 * (undefined): the caller then assumes nothing, which keeps every bound an honest upper bound.
 */

/** How many items carry each value. */
export type Multiset = Map<number, number>;

export const SUM_LIMIT = 5_000;
/** Most pairs addSums will try: past this, two sets are too rich to follow. */
export const PAIR_LIMIT = 5_000_000;

export const sumKey = (x: number): number => Math.round(x * 1e6) / 1e6;

export function multisetOf(values: Iterable<number>): Multiset {
  const set: Multiset = new Map();
  for (const v of values) set.set(sumKey(v), (set.get(sumKey(v)) ?? 0) + 1);
  return set;
}

export function withoutOne(set: Multiset, value: number): Multiset {
  const copy = new Map(set);
  const left = (copy.get(value) ?? 0) - 1;
  if (left > 0) copy.set(value, left);
  else copy.delete(value);
  return copy;
}

/** Every sum of exactly `n` items of the multiset (empty when it holds fewer than n). */
export function sumsOfExactly(items: Multiset, n: number, limit = SUM_LIMIT): Set<number> | undefined {
  // layers[j]: the sums of j items chosen so far; each value is taken 0…its multiplicity times.
  let layers: Set<number>[] = Array.from({ length: n + 1 }, (_, j) => new Set(j === 0 ? [0] : []));
  for (const [value, many] of items) {
    const next = layers.map((s) => new Set(s));
    for (let j = 0; j < n; j++) {
      for (const sum of layers[j]!) {
        for (let t = 1; t <= Math.min(many, n - j); t++) next[j + t]!.add(sumKey(sum + t * value));
      }
    }
    layers = next;
    if (layers.some((s) => s.size > limit)) return undefined;
  }
  return layers[n]!;
}

/** Every a + b (the sums of two independent choices). */
export function addSums(a: ReadonlySet<number>, b: ReadonlySet<number>, limit = SUM_LIMIT): Set<number> | undefined {
  if (a.size * b.size > PAIR_LIMIT) return undefined;
  const out = new Set<number>();
  for (const x of a) {
    for (const y of b) {
      out.add(sumKey(x + y));
      if (out.size > limit) return undefined;
    }
  }
  return out;
}
