import type { Blueprint } from "../blueprint.js";
import { fmt } from "../rules.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { RuleShortfall } from "./diagnose.js";

interface Span {
  lo: number;
  hi: number;
}

function shortfall(rule: string, label: string, expected: string, shortBy: number, closest: number, message: string): RuleShortfall {
  return { rule, label, expected, form: 0, shortBy, closest, unit: "points", message };
}

/**
 * The paper's points split by chapter, and chapters grouped into tiers: a two-level partition of the
 * total. Whether some split meets every chapter range, every tier range and the total is plain interval
 * arithmetic, exact for this structure and independent of the bank: a blueprint whose chapter and tier
 * ranges cannot add up to the total is refused before any model is built, with the arithmetic shown.
 */
export function partitionShortfalls(blueprint: Blueprint, syllabus: SyllabusIndex): RuleShortfall[] {
  const total = blueprint.paper.total_points;
  const rules = blueprint.rules.chapters;
  // A chapter examined by at least n questions gets at least n of the smallest section's points.
  const smallest = Math.min(...blueprint.sections.map((s) => s.points_each));
  const chapterSpan = (number: number, tier: string): Span => {
    const range = rules.points_by_chapter[String(number)] ?? rules.points_by_tier[tier as keyof typeof rules.points_by_tier];
    return { lo: Math.max(range?.min ?? 0, rules.min_questions_each * smallest), hi: Math.min(range?.max ?? total, total) };
  };
  const found: RuleShortfall[] = [];
  const tiers = syllabus.tiers.flatMap((tier) => {
    const chapters = syllabus.syllabus.chapters.filter((c) => c.tier === tier);
    if (chapters.length === 0) return [];
    const spans = chapters.map((c) => chapterSpan(c.number, tier));
    const byChapters: Span = { lo: spans.reduce((s, x) => s + x.lo, 0), hi: spans.reduce((s, x) => s + x.hi, 0) };
    const own = rules.tier_totals[tier];
    return [{ tier, chapters: chapters.map((c) => c.number), byChapters, span: { lo: Math.max(byChapters.lo, own?.min ?? 0), hi: Math.min(byChapters.hi, own?.max ?? total) }, own }];
  });
  for (const t of tiers) {
    if (t.span.lo <= t.span.hi || !t.own) continue;
    const needsMore = (t.own.min ?? 0) > t.byChapters.hi;
    found.push(
      needsMore
        ? shortfall(`tier:${t.tier}`, `${t.tier} chapters together`, `≥ ${fmt(t.own.min!)} points`, t.own.min! - t.byChapters.hi, t.byChapters.hi, `${t.tier} chapters together need ≥ ${fmt(t.own.min!)} points; their chapters' ranges allow at most ${fmt(t.byChapters.hi)}`)
        : shortfall(`tier:${t.tier}`, `${t.tier} chapters together`, `≤ ${fmt(t.own.max!)} points`, -(t.byChapters.lo - t.own.max!), t.byChapters.lo, `${t.tier} chapters together allow ≤ ${fmt(t.own.max!)} points; their chapters' ranges need at least ${fmt(t.byChapters.lo)}`),
    );
  }
  if (found.length) return found;
  const lo = tiers.reduce((s, t) => s + t.span.lo, 0);
  const hi = tiers.reduce((s, t) => s + t.span.hi, 0);
  const parts = tiers.map((t) => `${t.tier} ${fmt(t.span.lo)}–${fmt(t.span.hi)}`).join(", ");
  if (hi < total) {
    found.push(shortfall("total:points", "total score", `${fmt(total)} points`, total - hi, hi, `the chapters can give at most ${fmt(hi)} points together (${parts}), the paper has ${fmt(total)}`));
  } else if (lo > total) {
    found.push(shortfall("total:points", "total score", `${fmt(total)} points`, total - lo, lo, `the chapters need at least ${fmt(lo)} points together (${parts}), the paper has ${fmt(total)}`));
  } else {
    // Each tier against what the others need or allow: the arithmetic a setter would do by hand.
    for (const t of tiers) {
      const others = tiers.filter((o) => o !== t);
      const othersLo = others.reduce((s, o) => s + o.span.lo, 0);
      const othersHi = others.reduce((s, o) => s + o.span.hi, 0);
      if (t.span.lo > total - othersLo || t.span.hi < total - othersHi) {
        found.push(shortfall(`tier:${t.tier}`, `${t.tier} chapters together`, `${fmt(t.span.lo)}–${fmt(t.span.hi)} points`, 0, t.span.lo, `${t.tier} chapters need ${fmt(t.span.lo)}–${fmt(t.span.hi)} points while the other chapters need ${fmt(othersLo)}–${fmt(othersHi)} of the ${fmt(total)}`));
      }
    }
  }
  return found;
}

/**
 * Questions a chapter can hold when each knowledge point may be examined at most k times: every
 * question examines at least one of the chapter's points, so at most k × its points. A chapter that
 * must be examined by more questions than that cannot be, whatever the bank holds.
 */
export function knowledgePointShortfalls(blueprint: Blueprint, syllabus: SyllabusIndex): RuleShortfall[] {
  const most = blueprint.rules.knowledge_points.max_per_point;
  const need = blueprint.rules.chapters.min_questions_each;
  if (most === undefined) return [];
  const found: RuleShortfall[] = [];
  for (const chapter of syllabus.syllabus.chapters) {
    const room = most * chapter.knowledge_points.length;
    if (room >= need) continue;
    found.push({
      rule: `chapter:${chapter.number}:examined`,
      label: `第${chapter.number}章 examined`,
      expected: `≥ ${need} questions`,
      form: 0,
      shortBy: need - room,
      closest: room,
      unit: "questions",
      message: `第${chapter.number}章 must be examined by ≥ ${need} questions, but its ${chapter.knowledge_points.length} knowledge points may take at most ${most} each: ${room} questions at most`,
    });
  }
  const questions = blueprint.sections.reduce((s, x) => s + x.count, 0);
  const points = syllabus.knowledgePoints.length;
  if (questions > most * points) {
    found.push({
      rule: "knowledge-points",
      label: "knowledge points",
      expected: `≤ ${most} questions each`,
      form: 0,
      shortBy: questions - most * points,
      closest: most * points,
      unit: "questions",
      message: `a paper has ${questions} questions, but ${points} knowledge points at most ${most} each hold ${most * points}`,
    });
  }
  return found;
}
