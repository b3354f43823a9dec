/**
 * All pairs of sets with Jaccard similarity at least `threshold`, without comparing all pairs: the
 * prefix filter of Bayardo, Ma & Srikant (2007), "Scaling Up All Pairs Similarity Search". Tokens are
 * ranked rarest first; two sets that reach the threshold must share a token among the first
 * |x| − ⌈t·|x|⌉ + 1 of each, so only those are indexed and probed, and a set is only compared with
 * sets of at least ⌈t·|x|⌉ tokens. Exact: it finds every pair a full comparison would.
 */
export interface SimilarPair {
  /** Indices into the input, a < b. */
  a: number;
  b: number;
  similarity: number;
}

export function similarPairs(sets: readonly (ReadonlySet<string> | undefined)[], threshold: number): SimilarPair[] {
  const frequency = new Map<string, number>();
  for (const set of sets) if (set) for (const t of set) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  // Rarest first, ties by text: the same ranks on every machine.
  const ranked = [...frequency.keys()].sort((x, y) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : x > y ? 1 : 0));
  const rank = new Map(ranked.map((t, i) => [t, i]));
  const records = sets.map((set) => (set && set.size ? Int32Array.from([...set].map((t) => rank.get(t)!)).sort() : undefined));
  const order = records.flatMap((r, i) => (r ? [i] : [])).sort((x, y) => records[x]!.length - records[y]!.length || x - y);

  const postings: number[][] = Array.from({ length: ranked.length }, () => []);
  const skip = new Int32Array(ranked.length);
  const overlap = new Int32Array(sets.length);
  const found: SimilarPair[] = [];
  for (const x of order) {
    const tokens = records[x]!;
    const size = tokens.length;
    const minSize = Math.ceil(threshold * size - 1e-9);
    const prefix = size - minSize + 1;
    const touched: number[] = [];
    for (let p = 0; p < prefix; p++) {
      const list = postings[tokens[p]!]!;
      // Sets come in by size: those too small for this one are too small for every later one.
      let s = skip[tokens[p]!]!;
      while (s < list.length && records[list[s]!]!.length < minSize) s++;
      skip[tokens[p]!] = s;
      for (let k = s; k < list.length; k++) if (overlap[list[k]!]!++ === 0) touched.push(list[k]!);
    }
    for (const y of touched) {
      overlap[y] = 0;
      const shared = intersection(tokens, records[y]!);
      const similarity = shared / (size + records[y]!.length - shared);
      if (similarity >= threshold - 1e-9) found.push(x < y ? { a: x, b: y, similarity } : { a: y, b: x, similarity });
    }
    for (let p = 0; p < prefix; p++) postings[tokens[p]!]!.push(x);
  }
  return found.sort((p, q) => p.a - q.a || p.b - q.b);
}

function intersection(x: Int32Array, y: Int32Array): number {
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
