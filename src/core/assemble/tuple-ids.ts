/**
 * Ids for tuples of values, found one part at a time through a map per prefix (a trie): equal tuples,
 * equal ids; parts compare as Map keys do (strings by content, numbers by value). Grouping 50,000
 * questions by a string key built for each costs several times more on this project's machine (each key
 * is built, flattened and hashed) than a few lookups of values the question already holds.
 */
export class TupleIds {
  /** The node of the empty tuple, where every walk starts. */
  static readonly ROOT = 0;
  private readonly next: (Map<unknown, number> | undefined)[] = [undefined];

  /** The node of the tuple `node` stands for with `part` appended. */
  step(node: number, part: unknown): number {
    let children = this.next[node];
    if (!children) this.next[node] = children = new Map();
    let child = children.get(part);
    if (child === undefined) {
      child = this.next.length;
      this.next.push(undefined);
      children.set(part, child);
    }
    return child;
  }
}
