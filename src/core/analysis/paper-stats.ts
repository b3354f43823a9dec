import { mean, sd } from "./numbers.js";

export interface ScoreBand {
  /** Lowest and highest score of the band (the last band takes the full mark too). */
  from: number;
  to: number;
  count: number;
  share: number;
}

export interface PaperNumbers {
  n: number;
  fullMarks: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  passMark: number;
  passCount: number;
  passRate: number;
  bands: ScoreBand[];
}

/** 10-point bands from 0 up to the full mark, highest first as reports print them: 90–100, 80–89, … */
export function scoreBands(totals: readonly number[], fullMarks: number): ScoreBand[] {
  const count = Math.max(1, Math.ceil(fullMarks / 10));
  const bands: ScoreBand[] = [];
  for (let b = count - 1; b >= 0; b--) {
    const from = b * 10;
    const last = b === count - 1;
    const to = last ? fullMarks : from + 9;
    const inside = totals.filter((t) => t >= from && (last ? t <= fullMarks : t < from + 10)).length;
    bands.push({ from, to, count: inside, share: totals.length ? inside / totals.length : 0 });
  }
  return bands;
}

export function paperNumbers(totals: readonly number[], fullMarks: number, passMark: number): PaperNumbers {
  const n = totals.length;
  const passCount = totals.filter((t) => t >= passMark).length;
  return {
    n,
    fullMarks,
    mean: mean(totals),
    sd: sd(totals),
    // A loop, not Math.min(...totals): spreading a sitting of 100,000 candidates would overflow the stack.
    min: n ? totals.reduce((a, b) => (b < a ? b : a)) : 0,
    max: n ? totals.reduce((a, b) => (b > a ? b : a)) : 0,
    passMark,
    passCount,
    passRate: n ? passCount / n : 0,
    bands: scoreBands(totals, fullMarks),
  };
}
