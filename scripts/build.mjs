#!/usr/bin/env node
// Builds dist/ with tsc, then bundles the command line (see bundleCommandLine), and records a hash of
// everything the build reads. With --if-changed it skips the build when that hash matches the last
// build's: `npm install` (prepare) has just built, and `npm test` would otherwise build a second time.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const stamp = join(root, "dist", ".source-hash");
const inputs = ["src", "scripts/build.mjs", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];
const BIN_DIR = join(root, "dist", "bin");
const BIN = join(BIN_DIR, "zujuan.js");

/**
 * The packages the command line loads on every run: bundled. Every other dependency is loaded only by
 * the commands that need it (PDF, Word, Excel, the solver), from node_modules.
 */
const BUNDLED_PACKAGES = new Set(["zod", "commander", "chalk", "js-yaml"]);

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

/**
 * dist/bin/zujuan.js, the `zujuan` command: dist/cli/main.js and the modules it loads on every run,
 * bundled by esbuild. Node spends about 1 ms a module on resolving, reading and linking an ES module,
 * and a run loaded about 260 of them (150 of ours, 100 of zod's): 0.2 s of CPU before any work, on
 * every command. Dynamic imports stay chunks of their own, loaded when a command needs them.
 * Identifiers are kept, so a stack trace still names functions; the source map maps it back
 * (node --enable-source-maps).
 */
/**
 * zod's index of its 40-odd message locales, re-exported as `z.locales` and never read by zujuan (its
 * messages are its own; zod's English, which zod loads by itself, is kept): a third of the code every
 * run would parse. Only that index is replaced, so a zod that moves it is bundled whole, not broken.
 */
const zodLocalesIndex = {
  name: "zod-locales-index",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(args.resolveDir, "..", "locales", "index.js"), namespace: "zod-locales-index" };
    });
    build.onLoad({ filter: /.*/, namespace: "zod-locales-index" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(args.path, "..", "en.js"))};`,
      loader: "js",
      resolveDir: join(args.path, ".."),
    }));
  },
};

async function bundleCommandLine() {
  const { build } = createRequire(import.meta.url)("esbuild");
  const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const external = Object.keys(dependencies)
    .filter((name) => !BUNDLED_PACKAGES.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  rmSync(BIN_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, "dist", "cli", "main.js")],
    outdir: BIN_DIR,
    entryNames: "zujuan",
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external,
    // CommonJS packages bundled into an ES module still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __zujuanRequire } from 'node:module'; const require = __zujuanRequire(import.meta.url);" },
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [zodLocalesIndex],
  });
  chmodSync(BIN, 0o755);
}

const hash = sourceHash();
const built = existsSync(stamp) && existsSync(BIN) && readFileSync(stamp, "utf8") === hash;
if (process.argv.includes("--if-changed") && built) {
  process.stdout.write("dist/ is up to date with src/ (built by the last install or build)\n");
} else {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  chmodSync(join(root, "dist", "cli", "main.js"), 0o755);
  await bundleCommandLine();
  writeFileSync(stamp, hash);
}
