import type { Blueprint } from "../blueprint.js";
import type { SyllabusIndex } from "../syllabus.js";
import type { Bounds } from "../validate.js";
import type { Tier } from "../vocabulary.js";
import type { RuleShortfall, ShortfallReason, ShortfallSubject } from "./diagnose.js";

interface Span {
  lo: number;
  hi: number;
}

function shortfall(subject: ShortfallSubject, expected: Bounds, shortBy: number, closest: number, why: ShortfallReason): RuleShortfall {
  const rule = subject.rule === "tier-points" ? `tier:${subject.tier}` : "total:points";
  return { rule, subject, expected, form: 0, shortBy, closest, unit: "points", why };
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
        ? shortfall({ rule: "tier-points", tier: t.tier as Tier }, { min: t.own.min! }, t.own.min! - t.byChapters.hi, t.byChapters.hi, { kind: "tier-ranges", tier: t.tier })
        : shortfall({ rule: "tier-points", tier: t.tier as Tier }, { max: t.own.max! }, -(t.byChapters.lo - t.own.max!), t.byChapters.lo, { kind: "tier-ranges", tier: t.tier }),
    );
  }
  if (found.length) return found;
  const lo = tiers.reduce((s, t) => s + t.span.lo, 0);
  const hi = tiers.reduce((s, t) => s + t.span.hi, 0);
  const why: ShortfallReason = { kind: "chapter-ranges", total, tiers: tiers.map((t) => ({ tier: t.tier, lo: t.span.lo, hi: t.span.hi })) };
  if (hi < total) {
    found.push(shortfall({ rule: "total-points" }, { min: total, max: total }, total - hi, hi, why));
  } else if (lo > total) {
    found.push(shortfall({ rule: "total-points" }, { min: total, max: total }, total - lo, lo, why));
  } else {
    // Each tier against what the others need or allow: the arithmetic a setter would do by hand.
    for (const t of tiers) {
      const others = tiers.filter((o) => o !== t);
      const othersLo = others.reduce((s, o) => s + o.span.lo, 0);
      const othersHi = others.reduce((s, o) => s + o.span.hi, 0);
      if (t.span.lo > total - othersLo || t.span.hi < total - othersHi) {
        found.push(shortfall({ rule: "tier-points", tier: t.tier as Tier }, { min: t.span.lo, max: t.span.hi }, 0, t.span.lo, { kind: "tier-vs-others", tier: t.tier, lo: t.span.lo, hi: t.span.hi, othersLo, othersHi, total }));
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
      subject: { rule: "chapter-examined", chapter: chapter.number },
      expected: { min: need },
      form: 0,
      shortBy: need - room,
      closest: room,
      unit: "questions",
      why: { kind: "chapter-knowledge-points", chapter: chapter.number, need, points: chapter.knowledge_points.length, most },
    });
  }
  const questions = blueprint.sections.reduce((s, x) => s + x.count, 0);
  const points = syllabus.knowledgePoints.length;
  if (questions > most * points) {
    found.push({
      rule: "knowledge-points",
      subject: { rule: "knowledge-points" },
      expected: { max: most },
      form: 0,
      shortBy: questions - most * points,
      closest: most * points,
      unit: "questions",
      why: { kind: "knowledge-point-capacity", questions, points, most },
    });
  }
  return found;
}
