/**
 * Pairs of sets with Jaccard similarity at least `threshold`. In a bank of a few thousand, by comparing
 * every pair; beyond EXACT_UP_TO, without comparing all pairs: MinHash
 * signatures cut into bands (locality-sensitive hashing, Broder 1997; Leskovec, Rajaraman & Ullman,
 * "Mining of Massive Datasets", ch. 3). Two sets become candidates when one band of their signatures
 * agrees; every candidate is then measured exactly, so nothing below the threshold is reported.
 *
 * With BANDS × ROWS = 20 × 3, a pair at similarity 0.6 is a candidate with probability
 * 1 − (1 − 0.6³)²⁰ ≈ 0.992, at 0.7 ≈ 0.9998; a pair at 0.2 only ≈ 0.15. An exact all-pairs join
 * (prefix filtering) was tried first: on texts from a small alphabet (the 50,000-question synthetic
 * bank) nearly every pair shares a rare bigram, and it took a minute. One-permutation hashing was
 * tried too: with sets smaller than K most bins are borrowed and the buckets grew huge.
 */
export interface SimilarPair {
  /** Indices into the input, a < b. */
  a: number;
  b: number;
  similarity: number;
}

const BANDS = 20;
const ROWS = 3;
const K = BANDS * ROWS;
/** Up to a million sets: an index and a 30-bit band key fit one double exactly. */
const INDEX_SPAN = 2 ** 20;

/** A 32-bit mix (murmur3's finaliser): the same on every machine, unlike a random permutation. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The sorted distinct codes of a list of token codes. */
function distinct(codes: readonly number[]): Float64Array {
  const sorted = Float64Array.from(codes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

/**
 * Up to this many sets every pair is measured (two million short merges at most, well under a second):
 * exact, where banding would miss about one pair in a hundred at the threshold.
 */
export const EXACT_UP_TO = 2000;

function allPairs(records: readonly (Float64Array | undefined)[], threshold: number): SimilarPair[] {
  const found: SimilarPair[] = [];
  for (let a = 0; a < records.length; a++) {
    const x = records[a];
    if (!x) continue;
    for (let b = a + 1; b < records.length; b++) {
      const y = records[b];
      if (!y || Math.min(x.length, y.length) < threshold * Math.max(x.length, y.length) - 1e-9) continue;
      const shared = intersection(x, y);
      const similarity = shared / (x.length + y.length - shared);
      if (similarity >= threshold - 1e-9) found.push({ a, b, similarity });
    }
  }
  return found;
}

/** Token sets as numeric codes (see bigramCodes): no strings to hash or collect. */
export function similarPairs(sets: readonly (readonly number[] | undefined)[], threshold: number): SimilarPair[] {
  const records = sets.map((codes) => (codes && codes.length ? distinct(codes) : undefined));
  if (sets.length <= EXACT_UP_TO) return allPairs(records, threshold);
  // Each distinct token once: its K hash values in one row of a table (a signature is then K minima).
  const ids = new Map<number, number>();
  const rows = records.map((tokens) => {
    if (!tokens) return undefined;
    const row = new Int32Array(tokens.length);
    tokens.forEach((code, k) => {
      let id = ids.get(code);
      if (id === undefined) ids.set(code, (id = ids.size));
      row[k] = id * K;
    });
    return row;
  });
  // Signed 32-bit values: V8 keeps them in registers, where unsigned ones above 2³¹ become doubles.
  const table = new Int32Array(ids.size * K);
  for (const [code, id] of ids) {
    const h = mix((code % 0x100000000) ^ Math.floor(code / 0x100000000));
    for (let i = 0; i < K; i++) table[id * K + i] = mix(h ^ Math.imul(i + 1, 0x9e3779b9)) | 0;
  }
  const keys = new Uint32Array(sets.length * BANDS);
  const signature = new Int32Array(K);
  rows.forEach((row, index) => {
    if (!row) return;
    signature.fill(0x7fffffff);
    for (let t = 0; t < row.length; t++) {
      const base = row[t]!;
      for (let i = 0; i < K; i++) {
        const v = table[base + i]!;
        if (v < signature[i]!) signature[i] = v;
      }
    }
    for (let b = 0; b < BANDS; b++) {
      let key = b;
      for (let r = 0; r < ROWS; r++) key = mix(key ^ signature[b * ROWS + r]!);
      keys[index * BANDS + b] = key & 0x3fffffff;
    }
  });
  const present = rows.flatMap((row, index) => (row ? [index] : []));

  // A pair is measured in the first band it meets in, not again in later ones.
  const metBefore = (a: number, b: number, band: number) => {
    for (let k = 0; k < band; k++) if (keys[a * BANDS + k] === keys[b * BANDS + k]) return true;
    return false;
  };
  const found: SimilarPair[] = [];
  // Each band's buckets as runs of one sorted array of key · 2²⁰ + index: no Map, no array per bucket.
  const entries = new Float64Array(present.length);
  for (let band = 0; band < BANDS; band++) {
    present.forEach((index, k) => (entries[k] = keys[index * BANDS + band]! * INDEX_SPAN + index));
    entries.sort();
    for (let start = 0; start < entries.length; ) {
      const key = Math.floor(entries[start]! / INDEX_SPAN);
      let end = start + 1;
      while (end < entries.length && Math.floor(entries[end]! / INDEX_SPAN) === key) end++;
      for (let i = start; i < end; i++) {
        const a = entries[i]! % INDEX_SPAN;
        for (let j = i + 1; j < end; j++) {
          const b = entries[j]! % INDEX_SPAN;
          if (metBefore(a, b, band)) continue;
          const x = records[a]!;
          const y = records[b]!;
          const shared = intersection(x, y);
          const similarity = shared / (x.length + y.length - shared);
          if (similarity >= threshold - 1e-9) found.push({ a, b, similarity });
        }
      }
      start = end;
    }
  }
  return found.sort((p, q) => p.a - q.a || p.b - q.b);
}

function intersection(x: Float64Array, y: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    if (x[i]! === y[j]!) {
      n++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return n;
}
