// Flags as short Chinese reasons, made here rather than in the core (findings are data there).
import type { Flag } from "../../core/analysis/flags.js";

const f2 = (x: number) => x.toFixed(2);

/** A flag as a short Chinese reason, for the terminal and the report alike. */
export function flagReason(flag: Flag): string {
  switch (flag.code) {
    case "low-discrimination":
      return `区分度D=${f2(flag.D)}<${f2(flag.min)}`;
    case "p-out-of-range":
      return flag.p < flag.min ? `难度p=${f2(flag.p)}<${f2(flag.min)}(过难)` : `难度p=${f2(flag.p)}>${f2(flag.max)}(过易)`;
    case "negative-item-rest":
      return `题总相关r=${f2(flag.r)}<0`;
    case "attractive-distractor":
      return `干扰项${flag.letters.join("")}高分组选择多于低分组`;
  }
}
