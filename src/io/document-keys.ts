/**
 * Keys a parser would silently lose or misuse: a key written twice in one JSON object (JSON.parse keeps
 * the last) and `__proto__` (which, copied into another object, would supply fields through its
 * prototype). js-yaml already refuses duplicate keys in YAML.
 */

/**
 * Counts the keys of every mapping in parsed data and finds the first `__proto__` key. YAML aliases
 * make one node appear many times (nine aliases of nine aliases … is 9⁹ nodes): with `shared`, each
 * node is visited once. JSON never shares nodes, and skipping the bookkeeping keeps 50,000 questions fast.
 */
export function inspectKeys(data: unknown, shared = true): { keys: number; proto?: (string | number)[] } {
  let keys = 0;
  let proto: (string | number)[] | undefined;
  const path: (string | number)[] = [];
  const seen = shared ? new Set<object>() : undefined;
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (seen) {
      if (seen.has(value)) return;
      seen.add(value);
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === "object" && item !== null) {
          path.push(i);
          walk(item);
          path.pop();
        }
      }
      return;
    }
    for (const key in value) {
      keys++;
      if (key === "__proto__" && proto === undefined) proto = [...path, key];
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) {
        path.push(key);
        walk(item);
        path.pop();
      }
    }
  };
  walk(data);
  return proto ? { keys, proto } : { keys };
}

/**
 * At least the number of keys written in JSON text: every key is a string followed by a colon, spaces
 * allowed between them; a colon inside a string that follows an escaped quote counts too. So when the
 * parsed data has as many keys as this, no key was written twice; when it has fewer, duplicateJsonKey
 * decides. Cheap: a native search for each colon.
 */
export function countJsonKeyMarks(text: string): number {
  let n = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) {
    let before = i - 1;
    let c = text.charCodeAt(before);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(--before);
    if (c === 0x22) n++;
  }
  return n;
}

/** countJsonKeyMarks over UTF-8 bytes from `start` to `end`: the same count, by a native byte search. */
export function countJsonKeyMarksInBytes(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(0x3a, start); i !== -1 && i < end; i = bytes.indexOf(0x3a, i + 1)) {
    let before = i - 1;
    let c = bytes[before];
    while (before >= start && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) c = bytes[--before];
    if (before >= start && c === 0x22) n++;
  }
  return n;
}

/** The first key written twice in one object of JSON text, with its offset and path. */
export function duplicateJsonKey(text: string): { key: string; offset: number; path: (string | number)[] } | undefined {
  // One frame per open object or array: the keys seen so far (objects) or the index (arrays).
  const frames: { keys?: Set<string>; index: number; key?: string | number }[] = [];
  let expectKey = false;
  const pathOf = () => frames.slice(1).map((f) => f.key!);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j === -1) return undefined;
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        j++;
      }
      const top = frames[frames.length - 1];
      if (top?.keys && expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, offset: i, path: [...pathOf(), key] };
        top.keys.add(key);
        top.index = -1;
        (top as { pending?: string }).pending = key;
        expectKey = false;
      }
      i = j;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const top = frames[frames.length - 1];
      const key = top ? (top.keys ? (top as { pending?: string }).pending : top.index) : undefined;
      frames.push(c === 0x7b ? { keys: new Set(), index: -1, key } : { index: 0, key });
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}
