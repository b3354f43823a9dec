import type { Diagnostic } from "../../src/core/diagnostic.js";
import { formatMessage } from "../../src/cli/messages/index.js";

/** A finding's English sentence, as the command line prints it with --lang en. */
export function messageOf(d: Diagnostic): string {
  return formatMessage(d, "en");
}
