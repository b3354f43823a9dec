import type { Lang } from "./messages/index.js";

/**
 * The language of messages: --lang, else the locale of the environment as POSIX orders it (LC_ALL,
 * then LC_MESSAGES, then LANG; the first one set decides): zh… is Chinese, anything else English.
 */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function isLang(value: string): value is Lang {
  return value === "zh" || value === "en";
}

/** --lang as the command line gave it, set before each action runs (program.ts) and read by run.ts. */
let requested: string | undefined;

export function requestLang(value: string | undefined): void {
  requested = value;
}

export function requestedLang(): string | undefined {
  return requested;
}
