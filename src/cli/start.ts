import { runCommandLine } from "./program.js";

/** The `zujuan` command's whole run: the arguments of this process, its exit code set at the end. */
export async function start(): Promise<void> {
  // Output piped into `head` and the like: once the reader has gone, stop quietly (no EPIPE stack).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (cause: NodeJS.ErrnoException) => {
      if (cause.code !== "EPIPE") throw cause;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await runCommandLine(process.argv.slice(2));
}
