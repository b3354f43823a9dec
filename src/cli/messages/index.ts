import type { Diagnostic } from "../../core/diagnostic.js";
import type { FindingCode } from "../../core/findings.js";
import { en } from "./en.js";
import type { Lang, Messages } from "./types.js";
import { zh } from "./zh.js";

export type { Lang } from "./types.js";

const MESSAGES: Record<Lang, Messages> = { en, zh };

/** The sentence of a finding in the given language: the one place findings become words. */
export function formatMessage(d: Diagnostic, lang: Lang): string {
  const make = MESSAGES[lang][d.code as FindingCode] as (args: unknown) => string;
  return make(d.args);
}
