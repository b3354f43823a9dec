import { z } from "zod";
import type { LinearRule } from "./rules.js";

/** Which questions were used in which sitting: appended by `zujuan record`, read by generate and validate. */
export const historySchema = z.strictObject({
  sittings: z
    .array(
      z.strictObject({
        sitting: z.union([z.string().min(1), z.number()]).transform((v) => String(v)),
        paper: z.string().optional(),
        form: z.string().optional(),
        questions: z.array(z.string().min(1)),
      }),
    )
    .default([]),
});
export type History = z.output<typeof historySchema>;

/** The history with one more sitting's paper; recording the same paper for the same sitting twice changes nothing. */
export function withSitting(history: History, entry: History["sittings"][number]): { history: History; added: boolean } {
  const same = history.sittings.some((s) => s.sitting === entry.sitting && s.paper === entry.paper && s.form === entry.form);
  if (same) return { history, added: false };
  return { history: { sittings: [...history.sittings, entry] }, added: true };
}

/** Sittings in order: labels such as 2026-04 and 2026-10 sort as text. */
export function sittingsInOrder(history: History): string[] {
  return [...new Set(history.sittings.map((s) => s.sitting))].sort();
}

/**
 * Questions used in the last `n` sittings before `before` (or the last `n` recorded): a question may not
 * be reused within n sittings, so these are kept out of the next paper.
 */
export function usedWithin(history: History, n: number, before?: string): Set<string> {
  const order = sittingsInOrder(history).filter((s) => before === undefined || s < before);
  const recent = new Set(order.slice(Math.max(0, order.length - n)));
  return new Set(history.sittings.filter((s) => recent.has(s.sitting)).flatMap((s) => s.questions));
}

/** How often each question was used, for lint and coverage output. */
export function usageCounts(history: History): Map<string, number> {
  // A question counts once per sitting, however many forms of the sitting held it.
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const s of history.sittings) {
    for (const id of s.questions) {
      if (seen.has(`${s.sitting}\u0000${id}`)) continue;
      seen.add(`${s.sitting}\u0000${id}`);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** Questions already used `times` times in the last `sittings` sittings (before `before`): exposure at most k times in M sittings. */
export function overexposed(history: History, times: number, sittings: number, before?: string): Set<string> {
  const order = sittingsInOrder(history).filter((s) => before === undefined || s < before);
  const recent = new Set(order.slice(Math.max(0, order.length - sittings)));
  const counts = usageCounts({ sittings: history.sittings.filter((s) => recent.has(s.sitting)) });
  return new Set([...counts].filter(([, n]) => n >= times).map(([id]) => id));
}

/** The blueprint's history rules (rules.history). */
export interface HistoryRules {
  not_within_sittings?: number | undefined;
  max_uses?: { times: number; sittings: number } | undefined;
}

/** Why the history keeps a question out of the next paper: data, worded by the caller. */
export type BarredReason = { code: "recent"; sittings: number; last: string } | { code: "exposure"; times: number; sittings: number; uses: number };

/**
 * Questions the history rules keep out of a paper for the sitting after `before` (or after every
 * recorded sitting): used within the last N sittings, or used k times in the last M.
 */
export function barredByHistory(rules: HistoryRules, history: History, before?: string): Map<string, BarredReason> {
  const barred = new Map<string, BarredReason>();
  const order = sittingsInOrder(history).filter((s) => before === undefined || s < before);
  const n = rules.not_within_sittings;
  if (n !== undefined) {
    const recent = new Set(order.slice(Math.max(0, order.length - n)));
    for (const s of history.sittings) {
      if (!recent.has(s.sitting)) continue;
      for (const id of s.questions) {
        const known = barred.get(id);
        if (!known || (known.code === "recent" && known.last < s.sitting)) barred.set(id, { code: "recent", sittings: n, last: s.sitting });
      }
    }
  }
  const uses = rules.max_uses;
  if (uses !== undefined) {
    const recent = new Set(order.slice(Math.max(0, order.length - uses.sittings)));
    const counts = usageCounts({ sittings: history.sittings.filter((s) => recent.has(s.sitting)) });
    for (const [id, count] of counts) if (count >= uses.times && !barred.has(id)) barred.set(id, { code: "exposure", times: uses.times, sittings: uses.sittings, uses: count });
  }
  return barred;
}

/** The sitting a paper was recorded for, if the history holds it: its own record must not bar it. */
export function recordedSitting(history: History, questions: readonly string[], form?: string): string | undefined {
  const ids = [...new Set(questions)].sort().join("\u0000");
  const found = history.sittings.filter((s) => (form === undefined || s.form === undefined || s.form === form) && [...new Set(s.questions)].sort().join("\u0000") === ids);
  return found.map((s) => s.sitting).sort()[0];
}

/**
 * No question the history rules keep out (not within N sittings; at most k uses in M sittings). The
 * solver leaves such questions out of its classes (a bound of 0 needs no row); the validator counts
 * them in a paper.
 */
export function historyRule(rules: HistoryRules): LinearRule | undefined {
  if (rules.not_within_sittings === undefined && rules.max_uses === undefined) return undefined;
  const subject: LinearRule["subject"] = { rule: "history-barred" };
  if (rules.not_within_sittings !== undefined) subject.notWithin = rules.not_within_sittings;
  if (rules.max_uses !== undefined) subject.maxUses = { times: rules.max_uses.times, sittings: rules.max_uses.sittings };
  return { id: "history:barred", group: "history", subject, unit: "questions", measure: (i) => (i.barred ? 1 : 0), max: 0 };
}
