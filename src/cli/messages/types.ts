import type { FindingArgs, FindingCode } from "../../core/findings.js";

export type Lang = "zh" | "en";

/** A sentence for every code of the registry: the compiler refuses a language that misses one. */
export type Messages = { [C in FindingCode]: (args: FindingArgs<C>) => string };
