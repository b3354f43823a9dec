import { readFileSync } from "node:fs";
import { FileError, isErrnoError } from "../io/fs-errors.js";
import { UsageError } from "./run.js";

/** The environment variable a PDF password may come from: unlike an option, it is not in the process list. */
export const PASSWORD_ENV = "ZUJUAN_PDF_PASSWORD";

/**
 * The PDF password from --password, --password-file (its first line) or ZUJUAN_PDF_PASSWORD, in that
 * order of precedence; undefined when none is given. Giving both options is a mistake.
 */
export function pdfPassword(options: { password?: string; passwordFile?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (options.password !== undefined && options.passwordFile !== undefined) throw new UsageError("give --password or --password-file, not both");
  let password: string | undefined;
  let source: string;
  if (options.password !== undefined) {
    password = options.password;
    source = "--password";
  } else if (options.passwordFile !== undefined) {
    const file = options.passwordFile;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (cause) {
      throw new FileError(file, "read password file", isErrnoError(cause) ? cause.code : "EIO");
    }
    password = text.split(/\r?\n/)[0]!;
    source = `the password file ${file}`;
  } else {
    password = env[PASSWORD_ENV];
    source = PASSWORD_ENV;
    if (password === undefined) return undefined;
  }
  if (password === "") throw new UsageError(`${source} gives an empty password`);
  return password;
}
