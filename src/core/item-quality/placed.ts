import type { Location } from "../diagnostic.js";
import type { Question } from "../question.js";

export interface Placed {
  question: Question;
  origin: Location;
}

/** Are two questions already kept apart by `excludes` (either way)? */
export function excludesLinks(all: readonly Placed[]): (a: string, b: string) => boolean {
  const links = new Set<string>();
  for (const { question } of all) for (const other of question.excludes) links.add(`${question.id}\u0000${other}`);
  return (a, b) => links.has(`${a}\u0000${b}`) || links.has(`${b}\u0000${a}`);
}

/** The `excludes:` line that keeps `question` apart from `others` too. */
export function excludesLine(question: Question, others: readonly string[]): string {
  const ids = [...question.excludes];
  for (const id of others) if (!ids.includes(id)) ids.push(id);
  return `excludes: [${ids.join(", ")}]`;
}
