// A unified diff of two versions of a file, for showing a retagging before it is written.

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

/** Line operations by longest common subsequence, after trimming the common start and end. */
function lineOps(before: readonly string[], after: readonly string[]): Op[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) endA--, endB--;
  const n = endA - start;
  const m = endB - start;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = before[start + i] === after[start + j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < start; k++) ops.push({ kind: " ", line: before[k]!, a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[start + i] === after[start + j]) ops.push({ kind: " ", line: before[start + i]!, a: start + i++, b: start + j++ });
    else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) ops.push({ kind: "-", line: before[start + i]!, a: start + i++, b: start + j });
    else ops.push({ kind: "+", line: after[start + j]!, a: start + i, b: start + j++ });
  }
  for (let k = 0; k < before.length - endA; k++) ops.push({ kind: " ", line: before[endA + k]!, a: endA + k, b: endB + k });
  return ops;
}

/** `--- a/file` / `+++ b/file` and hunks with `context` lines around each change; empty when equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 2): string {
  if (before === after) return "";
  const ops = lineOps(before.split("\n"), after.split("\n"));
  const changed = ops.map((o, i) => (o.kind === " " ? -1 : i)).filter((i) => i >= 0);
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const lines = [`--- a/${file}`, `+++ b/${file}`];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const aCount = slice.filter((o) => o.kind !== "+").length;
    const bCount = slice.filter((o) => o.kind !== "-").length;
    lines.push(`@@ -${slice[0]!.a + 1},${aCount} +${slice[0]!.b + 1},${bCount} @@`, ...slice.map((o) => `${o.kind}${o.line}`));
  }
  return lines.join("\n");
}
