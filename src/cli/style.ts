import { Chalk, type ChalkInstance } from "chalk";
import type { Lang } from "./messages/index.js";

export type Format = "text" | "json";

/** How output looks: colour only on a terminal (and never with NO_COLOR), progress only on a terminal. */
export interface Style {
  color: ChalkInstance;
  interactive: boolean;
  /** The language of every sentence printed. */
  lang: Lang;
}

export function detectStyle(lang: Lang, stream: NodeJS.WriteStream = process.stdout): Style {
  const env = process.env;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0";
  const useColor = forced || (Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== "dumb");
  return {
    color: new Chalk({ level: useColor ? 1 : 0 }),
    interactive: Boolean(process.stderr.isTTY) && !env.CI,
    lang,
  };
}
