import { existsSync } from "node:fs";
import type { Diagnostic } from "../core/diagnostic.js";
import { sittingsInOrder, usageCounts } from "../core/history.js";
import { historyPathOf, loadHistory } from "../io/history-file.js";
import { displayPath } from "../io/load-project.js";
import type { Lang } from "./messages/index.js";
import { plural } from "./words.js";

/** Usage counts from the bank's history file, when it has one: how many sittings, and the most used questions. */
export function usageSummary(bankDir: string, lang: Lang, barred?: ReadonlySet<string>): { ok: true; text: string; json?: object } | { ok: false; diagnostics: Diagnostic[] } {
  const path = historyPathOf(bankDir);
  if (!existsSync(path)) return { ok: true, text: "" };
  const loaded = loadHistory(path);
  if (!loaded.ok) return loaded;
  const counts = [...usageCounts(loaded.history)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const sittings = sittingsInOrder(loaded.history).length;
  const most = counts.slice(0, 5).map(([id, n]) => `${id} ×${n}`).join(", ");
  const text =
    lang === "zh"
      ? `；使用记录 ${displayPath(path)}：${sittings} 次考试，用过 ${counts.length} 题${most ? `（用得最多：${most}）` : ""}${barred ? `，按细目表 rules.history 下一份试卷不用其中 ${barred.size} 题` : ""}`
      : `; history ${displayPath(path)}: ${plural(sittings, "sitting")}, ${plural(counts.length, "question")} used${most ? ` (most: ${most})` : ""}${barred ? `, ${barred.size} kept out of the next paper by rules.history` : ""}`;
  const json = { history: displayPath(path), sittings, used: counts.length, counts: Object.fromEntries(counts), ...(barred ? { barred: barred.size } : {}) };
  return { ok: true, text, json };
}
