#!/usr/bin/env node
// Builds dist/ with tsc, then bundles the command line (see bundleCommandLine), and records a hash of
// everything the build reads. With --if-changed it skips the build when that hash matches the last
// build's: `npm install` (prepare) has just built, and `npm test` would otherwise build a second time.
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const stamp = join(root, "dist", ".source-hash");
const inputs = ["src", "scripts/build.mjs", "scripts/bin-launcher.mjs", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];
const BIN_DIR = join(root, "dist", "bin");
const BIN = join(BIN_DIR, "zujuan.js");
const BUNDLE = join(BIN_DIR, "zujuan.cjs");
/** Stands in the bundle's banner for its id until stampBundleId writes it (the same length). */
const BUNDLE_ID_PLACEHOLDER = "0".repeat(16);

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

/**
 * dist/bin/zujuan.cjs: dist/cli/start.js and every module of ours and of the bundled packages, in one
 * CommonJS file, bundled by esbuild. Node spends about 1 ms a module on resolving, reading and linking
 * an ES module, and a run loaded about 260 of them (150 of ours, 100 of zod's): 0.2 s of CPU before any
 * work, on every command. CommonJS, because V8's code cache (see makeCodeCache) is for scripts.
 * The other dependencies (PDF, Word, Excel, the solver) stay in node_modules, loaded by the commands
 * that need them. import.meta.url is the bundle's own URL, as it was each module's. Identifiers are
 * kept, so a stack trace still names functions; the source map maps it back (--enable-source-maps).
 */
async function bundleCommandLine() {
  const { build } = createRequire(import.meta.url)("esbuild");
  const { dependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const external = Object.keys(dependencies)
    .filter((name) => !BUNDLED_PACKAGES.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  rmSync(BIN_DIR, { recursive: true, force: true });
  await build({
    stdin: { contents: 'import { start } from "./start.js";\nvoid start();\n', resolveDir: join(root, "dist", "cli"), sourcefile: "zujuan-bin.js" },
    outfile: BUNDLE,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external,
    define: { "import.meta.url": "__zujuanBundleUrl" },
    // Strict as the ES modules it is made of were (and the bundle it replaced, an ES module itself).
    banner: { js: `"use strict";\nvar __zujuanBundleUrl = require("node:url").pathToFileURL(__filename).href;\nvar __zujuanBundleId = "${BUNDLE_ID_PLACEHOLDER}";` },
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [zodLocalesIndex],
  });
  refuseDynamicImport(readFileSync(BUNDLE, "utf8"));
  copyFileSync(join(root, "scripts", "bin-launcher.mjs"), BIN);
  chmodSync(BIN, 0o755);
  return stampBundleId();
}

/**
 * The launcher runs the bundle as a script, where import() has no loader (Node's default one for vm is
 * experimental, warns on use, and is lost by code from the cache): every package is required.
 */
function refuseDynamicImport(code) {
  const found = /(?<![\w$.])import\s*\(/.exec(code);
  if (!found) return;
  const around = code.slice(Math.max(0, found.index - 80), found.index + 40);
  throw new Error(`the command's bundle has an import() (load the package with require, as src/io/lazy-yaml.ts does): …${around}…`);
}

/**
 * Writes the bundle's id, a hash of its content, into its banner (same length, so the source map
 * holds), and returns it: the code cache is named after it (zujuan-ID.cache), so a cache is only ever
 * found beside the bundle it was made from. V8 itself checks only the source's length.
 */
function stampBundleId() {
  const code = readFileSync(BUNDLE, "utf8");
  const id = createHash("sha256").update(code).digest("hex").slice(0, BUNDLE_ID_PLACEHOLDER.length);
  const placeholder = `var __zujuanBundleId = "${BUNDLE_ID_PLACEHOLDER}";`;
  if (!code.includes(placeholder)) throw new Error("the bundle's banner has no id to stamp");
  writeFileSync(BUNDLE, code.replace(placeholder, `var __zujuanBundleId = "${id}";`));
  return id;
}

/**
 * dist/bin/zujuan-ID.cache: V8's code cache of the bundle after a `lint` of the bundled 10421 bank, so
 * that it holds the functions a run compiles (the command line, loading, lint, output), not only the
 * top level: about 30 ms less a run (`zujuan --version` about 15 % less). Not a
 * `generate`: its solver switches V8 to baseline WebAssembly, a V8 flag, and V8 refuses a cache made
 * under other flags than the run's; the assembly's own functions are compiled when first run, as before.
 * The cache is an optimisation only (see scripts/bin-launcher.mjs).
 */
function makeCodeCache(id) {
  const out = mkdtempSync(join(tmpdir(), "zujuan-code-cache-"));
  try {
    const cache = join(out, "zujuan.cache");
    // Whatever the run's verdict, the functions it compiled are cached; a run that wrote no cache
    // leaves the command without one.
    spawnSync(process.execPath, [BIN, "lint", "--format", "json"], {
      cwd: root,
      env: { ...process.env, ZUJUAN_CODE_CACHE: `write:${cache}`, LANG: "C" },
      stdio: "ignore",
    });
    if (existsSync(cache)) copyFileSync(cache, join(BIN_DIR, `zujuan-${id}.cache`));
    else process.stderr.write("build: no code cache was made; zujuan runs without one (slower to start)\n");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const hash = sourceHash();
const built = existsSync(stamp) && existsSync(BIN) && readFileSync(stamp, "utf8") === hash;
if (process.argv.includes("--if-changed") && built) {
  process.stdout.write("dist/ is up to date with src/ (built by the last install or build)\n");
} else {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  chmodSync(join(root, "dist", "cli", "main.js"), 0o755);
  makeCodeCache(await bundleCommandLine());
  writeFileSync(stamp, hash);
}
