import type { LinearRule } from "../rules.js";
import type { ClassifiedBank, QuestionClass } from "./classes.js";
import type { Coefficients } from "./coefficients.js";
import type { ModelGroup } from "./model.js";

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
  return `${f.type}|${signature(f.levelPoints)}|${signature(f.difficultyPoints)}|${c.reused ? "r" : "n"}`;
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
  return {
    section: c.section.type,
    perForm: c.section.count,
    capacity: available,
    reused: c.reused,
    coef: (rule: LinearRule) => {
      const v = coefficients.column(rule)[classIndex]!;
      return { low: v, high: v };
    },
  };
}

/** The coarse group of a cell (or grade): for each rule, the range its classes add. */
export function cellGroup(cell: Cell, bank: ClassifiedBank, available: readonly number[], coefficients: Coefficients): ModelGroup {
  const first = bank.classes[cell.classes[0]!]!;
  return {
    section: first.section.type,
    perForm: first.section.count,
    capacity: cell.classes.reduce((s, i) => s + available[i]!, 0),
    reused: first.reused,
    coef: (rule) => coefficients.range(rule, cell.classes),
  };
}
