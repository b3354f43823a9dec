import { bankFileDefaults, parseBankQuestions, type ParsedBank } from "../core/bank.js";
import type { Location } from "../core/diagnostic.js";
import type { Catalogue } from "../core/question-types.js";
import { visitJsonInPieces } from "./json-pieces.js";

/**
 * A large bank file in JSON, its questions parsed piece by piece as the text is (json-pieces.ts): each
 * raw question is garbage as soon as it is parsed, never copied from young memory to old by the
 * garbage collector, which was the larger part of reading a 50,000-question bank. Gives what
 * parseBankFile gives for the file read whole, and true; false, with `into` as it was, when the file
 * must be read whole (not in pieces, keys after the question list, a file-level finding).
 */
export function parseBankFileInPieces(bytes: Buffer, file: string, types: Catalogue, into: ParsedBank): boolean {
  const before = { questions: into.bank.questions.length, origins: into.bank.origins.length, diagnostics: into.diagnostics.length };
  const root: Location = { file, path: [] };
  let defaults: Record<string, unknown> = {};
  let next = 0;
  const visited = visitJsonInPieces(bytes, {
    head(data, arrayKey) {
      const head = bankFileDefaults(data, root);
      if (arrayKey !== "questions" || "diagnostics" in head) return false;
      defaults = head.defaults;
      parseBankQuestions(head.questions, 0, defaults, root, types, into);
      next = head.questions.length;
      return true;
    },
    elements(raws) {
      parseBankQuestions(raws, next, defaults, root, types, into);
      next += raws.length;
    },
  });
  if (visited && Object.keys(visited.after).length === 0) return true;
  into.bank.questions.length = before.questions;
  into.bank.origins.length = before.origins;
  into.diagnostics.length = before.diagnostics;
  return false;
}
