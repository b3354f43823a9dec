import { type BlueprintSection } from "../blueprint.js";
import { sectionKey } from "../sections.js";
import type { ClassifiedBank } from "./classes.js";
import type { RuleShortfall } from "./diagnose.js";
import { sectionSubject } from "../rules.js";

/**
 * Questions `forms` forms need from one section at least: each form takes `count`, and any two share at
 * most `maxOverlap` (and at most the whole section), so by inclusion–exclusion the forms together hold
 * at least forms·count − C(forms, 2)·shared distinct questions.
 */
export function distinctNeeded(count: number, forms: number, maxOverlap: number): number {
  const shared = Math.min(maxOverlap, count);
  return Math.max(count, forms * count - ((forms * (forms - 1)) / 2) * shared);
}

/**
 * Sections that cannot fill `forms` forms from the eligible questions, by arithmetic alone: the answer
 * to an impossible multi-form request in well under a second, with the section and the shortfall named.
 */
export function formSupplyShortfalls(bank: ClassifiedBank, sections: readonly BlueprintSection[], forms: number, maxOverlap: number): RuleShortfall[] {
  if (forms < 2) return [];
  const eligible = new Map<number, number>();
  for (const c of bank.classes) eligible.set(c.sectionIndex, (eligible.get(c.sectionIndex) ?? 0) + c.members.length);
  return sections.flatMap((section, i): RuleShortfall[] => {
    const have = eligible.get(i) ?? 0;
    const need = distinctNeeded(section.count, forms, maxOverlap);
    if (have >= need) return [];
    return [
      {
        rule: `section:${sectionKey({ sections }, i)}`,
        subject: sectionSubject({ rule: "section-count" as const, type: section.type, count: section.count }, sectionKey({ sections }, i)),
        expected: { min: need },
        form: 0,
        shortBy: need - have,
        closest: have,
        unit: "questions",
        why: { kind: "forms-supply", type: section.type, forms, count: section.count, maxOverlap, need, have },
      },
    ];
  });
}
