import type { ClassifiedBank } from "../assemble/classes.js";
import type { PeelGroup } from "./peel.js";

/**
 * Turns a paper counted by cells (classes that differ only in knowledge points and minutes) into class
 * counts, as many copies as asked, from what is available. Each pick takes the class whose knowledge
 * points the paper uses least, then whose minutes keep the paper's time nearest what the cells' mean
 * minutes predict, then the class with most left: a greedy, so every copy is checked against every
 * rule afterwards, and the copies stop at the first that fails.
 */
export function realizeCopies(
  bank: ClassifiedBank,
  cells: readonly PeelGroup[],
  cellCounts: readonly number[],
  available: number[],
  copies: number,
  accept: (paper: number[]) => boolean,
): number[][] {
  const papers: number[][] = [];
  // Cells with the fewest alternatives first, while their choice is still free.
  const order = cellCounts.flatMap((n, g) => (n > 0 ? [g] : [])).sort((a, b) => cells[a]!.classes.length - cells[b]!.classes.length || a - b);
  const meanMinutes = cells.map((cell) => {
    let n = 0;
    let sum = 0;
    for (const c of cell.classes) {
      n += available[c]!;
      sum += available[c]! * bank.classes[c]!.facts.minutes;
    }
    return n ? sum / n : 0;
  });
  for (let copy = 0; copy < copies; copy++) {
    const paper = new Array<number>(bank.classes.length).fill(0);
    const pointUse = new Map<string, number>();
    // Minutes above (positive) or below what the cells' means predict for the questions taken so far.
    let drift = 0;
    for (const g of order) {
      for (let k = 0; k < cellCounts[g]!; k++) {
        let best = -1;
        let bestScore: [number, number, number] = [Infinity, Infinity, Infinity];
        for (const c of cells[g]!.classes) {
          if (available[c]! - paper[c]! <= 0) continue;
          const facts = bank.classes[c]!.facts;
          const crowd = Math.max(0, ...facts.knowledgePoints.map((kp) => pointUse.get(kp) ?? 0));
          const score: [number, number, number] = [crowd, Math.abs(drift + facts.minutes - meanMinutes[g]!), -(available[c]! - paper[c]!)];
          if (score[0] < bestScore[0] || (score[0] === bestScore[0] && (score[1] < bestScore[1] || (score[1] === bestScore[1] && score[2] < bestScore[2])))) {
            best = c;
            bestScore = score;
          }
        }
        if (best < 0) return papers;
        paper[best]! += 1;
        drift += bank.classes[best]!.facts.minutes - meanMinutes[g]!;
        for (const kp of bank.classes[best]!.facts.knowledgePoints) pointUse.set(kp, (pointUse.get(kp) ?? 0) + 1);
      }
    }
    if (!accept(paper)) return papers;
    paper.forEach((n, c) => (available[c]! -= n));
    papers.push(paper);
  }
  return papers;
}
