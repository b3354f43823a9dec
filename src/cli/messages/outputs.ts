import type { Lang } from "./types.js";
import { plural } from "../words.js";

// What the commands say about the files they wrote and the bank's history, in either language.

export const wroteFiles = (files: readonly string[], lang: Lang) => (lang === "zh" ? `已写出 ${files.join("、")}` : `wrote ${files.join(", ")}`);

export const wroteFile = (file: string, size: string, lang: Lang) => (lang === "zh" ? `已写出 ${file}（${size}）` : `wrote ${file} (${size})`);

export const encryptedNote = (lang: Lang) => (lang === "zh" ? "已按给定密码加密（AES-256，允许打印）" : "encrypted with the password given (AES-256; printing allowed)");

export function brokenRulesWarning(count: number, ids: readonly string[], paper: string, lang: Lang): string {
  return lang === "zh"
    ? `注意：这份试卷不符合细目表的 ${count} 条规则（${ids.join("、")}），仍已排版（zujuan validate ${paper} 可看详情）`
    : `warning: the paper breaks ${plural(count, "blueprint rule")} (${ids.join(", ")}); rendered anyway (zujuan validate ${paper} says more)`;
}

export const templateWritten = (file: string, columns: number, lang: Lang) => (lang === "zh" ? `已写出 ${file}（${columns} 列）` : `wrote ${file} (${plural(columns, "column")})`);

export const bankFilesWritten = (count: number, lang: Lang) => (lang === "zh" ? `已改写题库文件 ${count} 个` : `wrote ${plural(count, "bank file")}`);

export const bankNotWritten = (lang: Lang) => (lang === "zh" ? "题库未改动（加 --write 才写入）" : "nothing written to the bank (add --write to apply)");

export const leftOut = (file: string, id: string, problem: string, lang: Lang) => (lang === "zh" ? `${file}：${id} 未改：${problem}` : `${file}: ${id} left out: ${problem}`);

export const questionsChanged = (file: string, count: number, lang: Lang) => (lang === "zh" ? `${file}：换了 ${count} 道题` : `${file}: ${plural(count, "question")} changed`);

export const replaceSeed = (seed: number, lang: Lang) =>
  lang === "zh" ? `种子 ${seed}（同一种子换出的题目相同：--seed ${seed}）` : `seed ${seed} (the same seed gives the same replacement: --seed ${seed})`;

export const recordedPaper = (count: number, paper: string, sitting: string, history: string, lang: Lang) =>
  lang === "zh" ? `已记录：${paper} 的 ${count} 道题用于 ${sitting} 考试，记在 ${history}` : `${plural(count, "question")} of ${paper} as used in sitting ${sitting}, in ${history}`;

export const alreadyRecorded = (paper: string, sitting: string, history: string, lang: Lang) =>
  lang === "zh" ? `${paper} 已记录为 ${sitting} 考试所用（${history}），未作改动` : `${paper} is already recorded for sitting ${sitting} in ${history}: nothing changed`;

export const recordedForms = (labels: string, count: number, sitting: string, history: string, lang: Lang) =>
  lang === "zh" ? `已记录：${labels} 卷用于 ${sitting} 考试，记在 ${history}` : `recorded form${count === 1 ? "" : "s"} ${labels} as used in sitting ${sitting}, in ${history}`;
