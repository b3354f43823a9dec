/** Share of candidates in each of the upper and lower groups (Kelley's 27 %). */
export const GROUP_SHARE = 0.27;

export interface ScoreGroups {
  size: number;
  /** Candidate indices of the upper and lower groups. */
  upper: number[];
  lower: number[];
}

/**
 * The upper and lower 27 % by total score: round(0.27 n) candidates each, at least one. Equal totals
 * keep sheet order (the earlier row ranks higher), so the groups never depend on anything but the sheet.
 */
export function scoreGroups(totals: readonly number[]): ScoreGroups {
  const n = totals.length;
  const size = n === 0 ? 0 : Math.max(1, Math.round(GROUP_SHARE * n));
  const ranked = totals.map((total, index) => ({ total, index })).sort((a, b) => b.total - a.total || a.index - b.index);
  return {
    size,
    upper: ranked.slice(0, size).map((r) => r.index),
    lower: ranked.slice(n - size).map((r) => r.index),
  };
}
