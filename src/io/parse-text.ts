type YamlModule = typeof import("yaml");
import { finding, type Diagnostic } from "../core/diagnostic.js";
import jsYaml from "js-yaml";
import { countJsonKeyMarks, duplicateJsonKey, inspectKeys } from "./document-keys.js";

/*
 * Parsing a document's text: no file system and no Node built-in, so that the library's text entry
 * (zujuan/core) runs in a browser. The `yaml` package, needed only to explain syntax errors, is passed in:
 * the command line loads it on first use, the browser entry imports it.
 */

export type ReadResult = { ok: true; data: unknown } | { ok: false; diagnostics: Diagnostic[] };
export type YamlProvider = () => YamlModule;

/**
 * Parses YAML or JSON text. The fast parsers (JSON.parse, js-yaml) do the work; only when they fail is
 * the text parsed again with the `yaml` package, which reports every syntax error with its position.
 * Keys a parser would lose (a JSON key written twice) or misuse (`__proto__`) are errors.
 */
export function parseDocumentText(text: string, shown: string, json: boolean, yaml: YamlProvider): ReadResult {
  let data: unknown;
  try {
    // JSON.parse refuses a byte-order mark; js-yaml skips it itself.
    data = json ? JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) : jsYaml.load(text, { filename: shown });
  } catch (cause) {
    return { ok: false, diagnostics: syntaxDiagnostics(shown, text, cause, yaml) };
  }
  const keys = keyProblems(shown, text, data, json);
  return keys.length ? { ok: false, diagnostics: keys } : { ok: true, data };
}

function keyProblems(file: string, text: string, data: unknown, json: boolean): Diagnostic[] {
  const { keys, proto } = inspectKeys(data, !json);
  if (proto) return [finding("proto-key", { path: proto.join(".") }, { file, path: proto })];
  if (json && countJsonKeyMarks(text) !== keys) {
    const duplicate = duplicateJsonKey(text);
    if (duplicate) {
      const { line, col } = positionOf(text, duplicate.offset);
      return [finding("duplicate-key", { path: duplicate.path.join("."), key: duplicate.key }, { file, path: duplicate.path, line, col })];
    }
  }
  return [];
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const lines = text.slice(0, offset).split("\n");
  return { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function syntaxDiagnostics(file: string, text: string, cause: unknown, yaml: YamlProvider): Diagnostic[] {
  try {
    return explainSyntax(file, text, cause, yaml);
  } catch (inner) {
    // Nesting thousands deep overflows both parsers' recursion: say so rather than crash.
    if (inner instanceof RangeError || cause instanceof RangeError) {
      return [finding("yaml-syntax", { detail: "the document nests too deeply (thousands of levels)" }, { file, path: [], line: 1, col: 1 })];
    }
    throw inner;
  }
}

function explainSyntax(file: string, text: string, cause: unknown, yaml: YamlProvider): Diagnostic[] {
  if (cause instanceof RangeError) throw cause;
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [];
  const found: Diagnostic[] = list.flatMap((doc) =>
    doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return finding("yaml-syntax", { detail: firstLine(e.message), yaml: true }, { file, path: [], line, col });
    }),
  );
  if (found.some((d) => d.code === "yaml-syntax" && /call stack/i.test(d.args.detail))) throw new RangeError("nesting");
  if (list.length > 1 && found.length === 0) {
    found.push(finding("yaml-syntax", { detail: "a file holds one document, found several", yaml: true }, { file, path: [], line: 1, col: 1 }));
  }
  if (found.length > 0) return found;
  // The `yaml` package accepted what js-yaml refused (or the file is JSON): report js-yaml's own position.
  const mark = (cause as { mark?: { line: number; column: number } }).mark;
  const position = mark ? { line: mark.line + 1, col: mark.column + 1 } : jsonPosition(text, cause);
  return [finding("yaml-syntax", { detail: firstLine((cause as Error).message) }, { file, path: [], ...position })];
}

function jsonPosition(text: string, cause: unknown): { line: number; col: number } {
  const match = /position (\d+)/.exec(String((cause as Error).message));
  if (!match) return { line: 1, col: 1 };
  return positionOf(text, Number(match[1]));
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
