// Terminal columns: CJK characters take two cells, colour codes none.
const ANSI = /\u001b\[[0-9;]*m/g;
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

export function displayWidth(text: string): number {
  const plain = text.replace(ANSI, "");
  return plain.length + (plain.match(WIDE)?.length ?? 0);
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const gap = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "left" ? text + gap : gap + text;
}

/** A plain text table; the first column is left-aligned, the others right-aligned. */
export function renderTable(header: string[], rows: string[][], options: { alignLeft?: number[] } = {}): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i] ?? ""))));
  const left = new Set(options.alignLeft ?? [0]);
  const line = (r: string[]) => r.map((cell, i) => pad(cell ?? "", widths[i]!, left.has(i) ? "left" : "right")).join("  ").trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
