import type { Style } from "./style.js";

/** Progress on stderr for a terminal; silent when piped or in CI, so scripts see only the result. */
export function progressReporter(style: Style): { update: (stage: string) => void; done: () => void } {
  if (!style.interactive) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let shown = false;
  return {
    update: (stage) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(`\r\u001b[2K${style.color.dim(`… ${stage} (${seconds} s)`)}`);
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write("\r\u001b[2K");
    },
  };
}
