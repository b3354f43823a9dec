import { z } from "zod";

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

/** Questions already used `times` times in the last `sittings` sittings: exposure at most k times in M sittings. */
export function overexposed(history: History, times: number, sittings: number): Set<string> {
  const order = sittingsInOrder(history);
  const recent = new Set(order.slice(Math.max(0, order.length - sittings)));
  const counts = usageCounts({ sittings: history.sittings.filter((s) => recent.has(s.sitting)) });
  return new Set([...counts].filter(([, n]) => n >= times).map(([id]) => id));
}
