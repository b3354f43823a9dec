import { addColumns, correlation, sum, variance } from "./numbers.js";

/**
 * Cronbach's α = k/(k−1) · (1 − Σ var(item) / var(total)) over k item columns; null when it is not
 * defined (fewer than two items, or totals that do not vary).
 */
export function cronbachAlpha(items: readonly (readonly number[])[]): number | null {
  const k = items.length;
  if (k < 2) return null;
  const n = items[0]!.length;
  const totalVariance = variance(addColumns(items, n));
  if (totalVariance === 0) return null;
  const itemVariance = sum(items.map((c) => variance(c)));
  return (k / (k - 1)) * (1 - itemVariance / totalVariance);
}

export interface SplitHalf {
  /** Correlation of the odd-numbered and even-numbered halves. */
  r: number | null;
  /** Spearman–Brown: 2r / (1 + r), the reliability of the whole paper. */
  corrected: number | null;
}

/** Split-half reliability: items 1, 3, 5, … against 2, 4, 6, … (in paper order). */
export function splitHalf(items: readonly (readonly number[])[]): SplitHalf {
  if (items.length < 2) return { r: null, corrected: null };
  const n = items[0]!.length;
  const odd = addColumns(items.filter((_, i) => i % 2 === 0), n);
  const even = addColumns(items.filter((_, i) => i % 2 === 1), n);
  const r = correlation(odd, even);
  return { r, corrected: r === null ? null : (2 * r) / (1 + r) };
}
