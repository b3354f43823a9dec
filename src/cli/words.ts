/** "1 question", "2 questions": a count with its noun, in English. */
export function plural(count: number | string, noun: string, nouns = `${noun}s`): string {
  return `${count} ${Number(count) === 1 ? noun : nouns}`;
}
