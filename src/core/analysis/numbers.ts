// Descriptive statistics used by the item analysis. Variances divide by n (the candidates are the
// whole population of the sitting, as 试卷分析 reports take them); correlations do not depend on it.

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function mean(xs: readonly number[]): number {
  return xs.length ? sum(xs) / xs.length : 0;
}

export function variance(xs: readonly number[]): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return xs.length ? s / xs.length : 0;
}

export function sd(xs: readonly number[]): number {
  return Math.sqrt(variance(xs));
}

/** Pearson correlation; null when either side does not vary. */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Element-wise sum of columns of equal length. */
export function addColumns(columns: readonly (readonly number[])[], length: number): number[] {
  const out = new Array<number>(length).fill(0);
  for (const c of columns) for (let i = 0; i < length; i++) out[i]! += c[i]!;
  return out;
}
