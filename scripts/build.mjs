#!/usr/bin/env node
// Builds dist/ with tsc and records a hash of everything the build reads. With --if-changed it skips
// the build when that hash matches the last build's: `npm install` (prepare) has just built, and
// `npm test` would otherwise compile the same sources a second time.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const stamp = join(root, "dist", ".source-hash");
const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

function sourceHash() {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap((input) => files(join(root, input)))) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const hash = sourceHash();
const built = existsSync(stamp) && existsSync(join(root, "dist", "cli", "main.js")) && readFileSync(stamp, "utf8") === hash;
if (process.argv.includes("--if-changed") && built) {
  process.stdout.write("dist/ is up to date with src/ (built by the last install or build)\n");
} else {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  // npm does not link a package's own bin, so `npx zujuan` in a fresh clone runs this file directly.
  chmodSync(join(root, "dist", "cli", "main.js"), 0o755);
  writeFileSync(stamp, hash);
}
