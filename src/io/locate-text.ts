import type { Node } from "yaml";
import type { Diagnostic, Location } from "../core/diagnostic.js";
import type { YamlProvider } from "./parse-text.js";

/** Line and column of a path inside one document, or nothing when the text cannot be parsed. */
export type Resolver = (path: Location["path"]) => { line: number; col: number } | undefined;

/** Fills in line and column of diagnostics that carry a file and a path, asking `resolverOf` once per file. */
export function locateWith(diagnostics: readonly Diagnostic[], resolverOf: (file: string) => Resolver): Diagnostic[] {
  const resolvers = new Map<string, Resolver>();
  const locate = (location: Location | undefined): Location | undefined => {
    if (!location || location.line !== undefined || !location.file) return location;
    let resolve = resolvers.get(location.file);
    if (!resolve) {
      resolve = resolverOf(location.file);
      resolvers.set(location.file, resolve);
    }
    const position = resolve(location.path);
    return position ? { ...location, ...position } : location;
  };
  return diagnostics.map((d) => {
    const located: Diagnostic = { ...d };
    const location = locate(d.location);
    const related = locate(d.related);
    if (location) located.location = location;
    if (related) located.related = related;
    return located;
  });
}

/** Locates paths in a document's text (no file system: the browser entry uses it too), parsing it once. */
export function textResolver(text: string, yaml: YamlProvider): Resolver {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  } catch {
    return () => undefined;
  }
  return (path) => {
    // Walk as deep as the path exists; a missing field is reported at the mapping that lacks it.
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const key of path) {
      let next: unknown;
      let keyOffset: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
        next = pair?.value;
        keyOffset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      } else if (isSeq(node) && typeof key === "number") {
        next = node.items[key];
      }
      if (next === undefined && keyOffset === undefined) break;
      const range = (next as Node | null)?.range;
      offset = keyOffset ?? range?.[0] ?? offset;
      // A key's value position is more useful for lists and scalars at the end of the path.
      if (key === path[path.length - 1] && range && !isMap(next)) offset = isSeq(next) ? (keyOffset ?? range[0]) : range[0];
      node = next;
    }
    return lineCounter.linePos(offset);
  };
}
