import { paperSize } from "../core/blueprint.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { recordedSitting } from "../core/history.js";
import type { Paper } from "../core/paper.js";
import { isShare, resolveShare, SHARE_HINT } from "../core/share.js";
import type { PaperUsage } from "../core/validate.js";
import type { Project } from "../io/load-project.js";
import { displayPath } from "../io/load-project.js";
import { paperIdsFromFiles } from "../io/paper-ids.js";
import { historyBarred } from "./generate-setter.js";
import { UsageError } from "./run.js";

export interface UsageOptions {
  avoid?: string[];
  otherForms?: string[];
  maxOverlap?: string;
  sitting?: string;
}

/** The sitting a paper is for: --sitting, else the one the history recorded it under, else after every recorded sitting. */
export function sittingOf(paper: Paper, sitting?: string) {
  const ids = paper.sections.flatMap((s) => s.questions.map((q) => q.id)).filter((id) => !paper.inline.has(id));
  return (history: Parameters<typeof recordedSitting>[0]) => sitting ?? recordedSitting(history, ids, paper.form);
}

/**
 * What validate checks a paper against besides its blueprint: the history file's rules (for the
 * sitting the paper is for, so its own record never bars it), --avoid papers and --other-forms.
 */
export function paperUsage(project: Project, paper: Paper, options: UsageOptions): { ok: true; usage: PaperUsage } | { ok: false; diagnostics: Diagnostic[] } {
  if (options.maxOverlap !== undefined && !isShare(options.maxOverlap)) throw new UsageError(`--max-overlap must be ${SHARE_HINT}, not ${options.maxOverlap}`);
  const usage: PaperUsage = {};
  const rules = project.blueprint.rules.history;
  if (rules.not_within_sittings !== undefined || rules.max_uses !== undefined) {
    const barred = historyBarred(project, sittingOf(paper, options.sitting?.trim() || undefined));
    if (!barred.ok) return barred;
    usage.barred = barred.barred;
  }
  if (options.avoid?.length) {
    const avoided = paperIdsFromFiles(options.avoid);
    if (!avoided.ok) return avoided;
    usage.reused = avoided.ids;
  }
  if (options.otherForms?.length) {
    const forms: { label: string; ids: ReadonlySet<string> }[] = [];
    for (const file of options.otherForms) {
      const read = paperIdsFromFiles([file]);
      if (!read.ok) return read;
      forms.push({ label: displayPath(file), ids: read.ids });
    }
    usage.otherForms = forms;
    if (options.maxOverlap !== undefined) usage.overlap = resolveShare(options.maxOverlap, paperSize(project.blueprint.sections));
  }
  return { ok: true, usage };
}
