// What a sitting says about the bank's difficulty tags: the changes the observed p implies and a
// `stats:` entry per question. Only `analyze --retag --write` applies them (src/io/retag-bank.ts).
import type { Paper } from "../paper.js";
import type { StatsEntry } from "../question.js";
import type { Difficulty } from "../vocabulary.js";
import type { Analysis } from "./analyze.js";

export interface DifficultyChange {
  questionId: string;
  key: string;
  /** Case sub-question index (1-based); absent for a whole question. */
  sub?: number;
  from: Difficulty;
  to: Difficulty;
  p: number;
}

export interface RetagPlan {
  sitting: string;
  n: number;
  minCandidates: number;
  /** False when the sitting has fewer candidates than the blueprint asks: stats only, no new tags. */
  retagged: boolean;
  changes: DifficultyChange[];
  stats: { questionId: string; entry: StatsEntry }[];
  /** Questions written inline in the paper: not in the bank, so nothing to write. */
  skipped: string[];
  /** Questions whose stats already hold an entry for this sitting: not recorded twice. */
  recorded: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100 || 0;

export function retagPlan(analysis: Analysis, paper: Paper, minCandidates: number): RetagPlan {
  const n = analysis.paper.n;
  const retagged = n >= minCandidates;
  const inBank = (id: string) => !paper.inline.has(id);
  const changes: DifficultyChange[] = [];
  if (retagged) {
    for (const item of analysis.items) {
      if (!inBank(item.questionId) || item.tagged === undefined || item.tagged === item.observed) continue;
      const change: DifficultyChange = { questionId: item.questionId, key: item.key, from: item.tagged, to: item.observed, p: item.p };
      if (item.sub !== undefined) change.sub = item.sub;
      changes.push(change);
    }
  }
  const whole = analysis.items.filter((i) => i.sub === undefined);
  const questions = new Map(paper.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const recorded = (id: string) => questions.get(id)?.stats?.some((e) => e.sitting === analysis.sitting) ?? false;
  return {
    sitting: analysis.sitting,
    n,
    minCandidates,
    retagged,
    changes,
    stats: whole.filter((i) => inBank(i.questionId) && !recorded(i.questionId)).map((i) => ({ questionId: i.questionId, entry: { sitting: analysis.sitting, n, p: round2(i.p), D: round2(i.D) } })),
    skipped: [...new Set(whole.filter((i) => !inBank(i.questionId)).map((i) => i.questionId))],
    recorded: [...new Set(whole.filter((i) => inBank(i.questionId) && recorded(i.questionId)).map((i) => i.questionId))],
  };
}
