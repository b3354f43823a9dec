import { constants } from "node:os";

/**
 * Undo actions for what a run leaves on disk while it works (temporary files, the output lock), run
 * when the process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits. File writes are synchronous, so
 * a signal is handled only between them: never while a set of files is half renamed.
 */
const actions = new Set<() => void>();
let installed = false;

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function runAll(): void {
  for (const action of [...actions].reverse()) {
    actions.delete(action);
    try {
      action();
    } catch {
      // Cleaning up is best effort: the next run cleans what is left (see recoverOutputDir).
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", runAll);
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      runAll();
      process.stderr.write(`zujuan: interrupted (${signal}); nothing was left half-written\n`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    });
  }
}

/** Registers `action` to run on interruption or exit; call the returned function once it is done. */
export function onInterrupt(action: () => void): () => void {
  install();
  actions.add(action);
  return () => {
    actions.delete(action);
  };
}
