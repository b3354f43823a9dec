import { displayStem, isChoice, type Question } from "../question.js";
import type { ItemFinding } from "./rules.js";
import { excludesLine, excludesLinks, type Placed } from "./placed.js";
import { similarPairs } from "./similar-pairs.js";
import { bigramCodes, compact } from "./text.js";

/**
 * Jaccard similarity of character bigrams at which two texts count as near-duplicates. Stems are
 * long and share asking words (简述…的主要内容), so they need more in common than terms and option sets;
 * 0.6 catches a reworded stem, 0.7 "客户忠诚" / "大客户忠诚" (0.75) but not "第一代…" / "第二代客户服务中心" (0.6).
 */
export const NEAR_DUPLICATE = { stem: 0.6, term: 0.7, options: 0.7 } as const;

type Kind = keyof typeof NEAR_DUPLICATE;

/** Bigram codes of what is compared: punctuation and spaces dropped; options each on its own. */
function tokensOf(q: Question, kind: Kind): number[] | undefined {
  if (kind === "term") return q.kind === "term" ? bigramCodes(compact(q.term)) : undefined;
  if (kind === "options") {
    if (!isChoice(q)) return undefined;
    const codes: number[] = [];
    for (const option of q.options) bigramCodes(compact(option), codes);
    return codes;
  }
  return q.kind === "term" ? undefined : bigramCodes(compact(displayStem(q)));
}

const fieldOf = (q: Question, kind: Kind): string => (kind === "term" ? "term" : kind === "options" ? "options" : q.kind === "material" && !q.stem ? "material" : "stem");

/** Near-duplicate stems, terms and option sets within each question type, unless linked by excludes. */
export function nearDuplicates(all: readonly Placed[]): ItemFinding[] {
  const linked = excludesLinks(all);
  const found: ItemFinding[] = [];
  const byType = new Map<string, number[]>();
  all.forEach(({ question }, i) => {
    const list = byType.get(question.type) ?? [];
    list.push(i);
    byType.set(question.type, list);
  });
  for (const members of byType.values()) {
    for (const kind of Object.keys(NEAR_DUPLICATE) as Kind[]) {
      const pairs = similarPairs(members.map((i) => tokensOf(all[i]!.question, kind)), NEAR_DUPLICATE[kind]);
      // One finding per question, at the later of each pair, naming every earlier partner.
      const partners = new Map<number, { id: string; similarity: number }[]>();
      for (const { a, b, similarity } of pairs) {
        const [first, second] = [all[members[a]!]!.question, all[members[b]!]!.question];
        if (first.id === second.id || linked(first.id, second.id)) continue;
        const list = partners.get(members[b]!) ?? [];
        list.push({ id: first.id, similarity });
        partners.set(members[b]!, list);
      }
      for (const [i, list] of [...partners].sort((x, y) => x[0] - y[0])) {
        const { question, origin } = all[i]!;
        found.push({
          rule: "near-duplicate",
          id: question.id,
          location: { file: origin.file, path: [...origin.path, fieldOf(question, kind)] },
          args: {
            kind,
            others: list.map((p) => p.id),
            similarity: Math.max(...list.map((p) => Math.round(p.similarity * 100) / 100)),
            threshold: NEAR_DUPLICATE[kind],
            excludes: excludesLine(question, list.map((p) => p.id)),
          },
        });
      }
    }
  }
  return found;
}
