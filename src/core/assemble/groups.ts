import type { LinearRule } from "../rules.js";
import type { ClassifiedBank, QuestionClass } from "./classes.js";
import type { Coefficients } from "./coefficients.js";
import { formLabel, type ModelGroup } from "./model.js";

/** Questions of the class form `f` must hold: 1 for an included question pinned to that form. */
export function requiredIn(c: QuestionClass, f: number): number {
  if (!c.pinned) return 0;
  return c.pinned === "all" || c.pinned.includes(formLabel(f)) ? c.members.length : 0;
}

/**
 * A cell: classes that differ only in knowledge points and minutes. The coarse models count cells (or
 * grades of cells), which keeps them small at any bank size; refinements then pick inside the choice.
 */
export interface Cell {
  key: string;
  classes: number[];
}

/** A grade: the cells of one section, level and difficulty, over every chapter; `cells` index the cells. */
export interface Grade extends Cell {
  cells: number[];
}

function signature(record: Readonly<Partial<Record<string, number>>>): string {
  let out = "";
  for (const key in record) if (record[key]) out += `${key}${record[key]},`;
  return out;
}

function gradeKey(c: QuestionClass): string {
  const f = c.facts;
  return `${f.section}|${signature(f.levelPoints)}|${signature(f.difficultyPoints)}|${c.reused ? "r" : "n"}`;
}

export function cellsOf(bank: ClassifiedBank): Cell[] {
  const byKey = new Map<string, Cell>();
  bank.classes.forEach((c, i) => {
    const key = `${gradeKey(c)}|${c.facts.chapter}`;
    const cell = byKey.get(key);
    if (cell) cell.classes.push(i);
    else byKey.set(key, { key, classes: [i] });
  });
  return [...byKey.values()];
}

/**
 * Grades group the cells by what the level and difficulty rules see. Those equalities are what make
 * the assembly hard; on ~50 grades they solve in milliseconds, and choosing chapters for a fixed grade
 * choice is easy.
 */
export function gradesOf(bank: ClassifiedBank, cells: readonly Cell[]): Grade[] {
  const byKey = new Map<string, Grade>();
  cells.forEach((cell, i) => {
    const key = gradeKey(bank.classes[cell.classes[0]!]!);
    const grade = byKey.get(key);
    if (grade) {
      grade.cells.push(i);
      grade.classes.push(...cell.classes);
    } else byKey.set(key, { key, cells: [i], classes: [...cell.classes] });
  });
  return [...byKey.values()];
}

/** The exact group of one class: every rule adds the same to the sum for each of its questions. */
export function classGroup(classIndex: number, bank: ClassifiedBank, available: number, coefficients: Coefficients): ModelGroup {
  const c = bank.classes[classIndex]!;
  const group: ModelGroup = {
    section: String(c.sectionIndex),
    perForm: c.section.count,
    capacity: available,
    reused: c.reused,
    coef: (rule: LinearRule) => {
      const v = coefficients.column(rule)[classIndex]!;
      return { low: v, high: v };
    },
  };
  if (c.pinned) group.required = (f) => requiredIn(c, f);
  if (c.set !== undefined) group.tie = c.set;
  return group;
}

/** The coarse group of a cell (or grade): for each rule, the range its classes add. */
export function cellGroup(cell: Cell, bank: ClassifiedBank, available: readonly number[], coefficients: Coefficients): ModelGroup {
  const first = bank.classes[cell.classes[0]!]!;
  const group: ModelGroup = {
    section: String(first.sectionIndex),
    perForm: first.section.count,
    capacity: cell.classes.reduce((s, i) => s + available[i]!, 0),
    reused: first.reused,
    coef: (rule) => coefficients.range(rule, cell.classes),
  };
  // The cell must hold at least its included questions: still a relaxation of the exact model.
  const pinned = cell.classes.filter((i) => bank.classes[i]!.pinned);
  // A pinned question already taken (by an earlier form built alone) cannot be met here: more than the
  // cell holds makes the model infeasible, which sends the assembly to all forms together, where it can.
  const need = (f: number) => pinned.reduce((s, i) => s + (requiredIn(bank.classes[i]!, f) > available[i]! ? Infinity : requiredIn(bank.classes[i]!, f)), 0);
  if (pinned.length) group.required = (f) => Math.min(need(f), group.capacity + 1);
  return group;
}
