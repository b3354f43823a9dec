#!/usr/bin/env node
// The `zujuan` command (copied to dist/bin/zujuan.js by scripts/build.mjs). It runs the bundle
// zujuan.cjs beside it with V8's code cache, zujuan-ID.cache, made when the package was built: the
// functions a run needs arrive compiled instead of being parsed and compiled on every run.
//
// The cache is only ever an optimisation: V8 refuses one made by another Node or with other V8 flags,
// and the bundle is then compiled as usual.
//
// ZUJUAN_CODE_CACHE=write:FILE writes the cache of this run to FILE at exit (the build does);
// ZUJUAN_CODE_CACHE=report says on stderr whether the cache was used (a test checks it is).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const bundle = fileURLToPath(new URL("./zujuan.cjs", import.meta.url));
const asked = process.env.ZUJUAN_CODE_CACHE ?? "";

const code = readFileSync(bundle, "utf8");
// The cache is named after the id the build stamped into the bundle's banner: only the cache made from
// this very bundle is found (V8 checks no more than the source's length).
const id = /^var __zujuanBundleId = "([0-9a-f]+)";$/m.exec(code.slice(0, 500))?.[1];
let cachedData;
try {
  cachedData = id === undefined ? undefined : readFileSync(fileURLToPath(new URL(`./zujuan-${id}.cache`, import.meta.url)));
} catch {
  cachedData = undefined;
}
// CommonJS's own wrapper, on a line of its own so that the bundle's lines keep their numbers. No
// import() in the bundle (the build makes sure): a script has no loader for one.
const source = `(function (exports, require, module, __filename, __dirname) {\n${code}\n})`;
const script = new vm.Script(source, { filename: bundle, lineOffset: -1, cachedData });
if (asked === "report") process.stderr.write(`zujuan: code cache ${cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used"}\n`);
if (asked.startsWith("write:")) process.once("exit", () => writeFileSync(asked.slice("write:".length), script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
