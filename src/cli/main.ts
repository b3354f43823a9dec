#!/usr/bin/env node
import { runCommandLine } from "./program.js";

// Output piped into `head` and the like: once the reader has gone, stop quietly (no EPIPE stack).
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (cause: NodeJS.ErrnoException) => {
    if (cause.code !== "EPIPE") throw cause;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCommandLine(process.argv.slice(2));
