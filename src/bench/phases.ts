import { dirname, resolve } from "node:path";
import { assemble, assemblyModel } from "../core/assemble/assemble.js";
import { classifyBank } from "../core/assemble/classes.js";
import { bankShortfalls } from "../core/assemble/diagnose.js";
import { parseBank } from "../core/bank.js";
import { blueprintForCourse } from "../core/blueprint-for-course.js";
import { toCplexLp } from "../core/lp.js";
import { paperRules } from "../core/rules.js";
import { displayPath, listBankFiles, loadBlueprint, loadSyllabus } from "../io/load-project.js";
import { readDocument } from "../io/read-document.js";
import { ReadBuffer } from "../io/read-input.js";
import { HighsSolver } from "../solver/highs.js";

/**
 * Where the time of one `generate` goes, stage by stage, in one cold process:
 * `node dist/bench/phases.js BLUEPRINT [FORMS] [MAX_OVERLAP]` prints { stages: [[name, seconds]], ... } as JSON.
 * The stages repeat what loadProject and assemble do, with a clock between them (loadProject parses
 * each file as it reads it; here all are read, then all parsed, to time the two apart).
 */
export interface PhaseReport {
  stages: [string, number][];
  classes: number;
  cells: number;
  variables: number;
  rows: number;
  lpBytes: number;
}

async function main(): Promise<void> {
  const [file, formsArg, overlapArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: phases.js BLUEPRINT [FORMS] [MAX_OVERLAP]");
  const forms = Number(formsArg ?? 1);
  const maxOverlap = Number(overlapArg ?? 0);
  const stages: [string, number][] = [];
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    stages.push([name, (now - clock) / 1000]);
    clock = now;
  };

  const cwd = process.cwd();
  const { blueprint: written } = loadBlueprint(resolve(file), cwd);
  if (!written) throw new Error(`blueprint ${file} does not load`);
  const { syllabus } = loadSyllabus(resolve(dirname(resolve(file)), written.syllabus), cwd);
  if (!syllabus) throw new Error("syllabus does not load");
  const { blueprint } = blueprintForCourse(written, syllabus, file);
  lap("blueprint + syllabus (read, parse, schema)");
  const bankDir = resolve(dirname(resolve(file)), blueprint.bank);
  const buffer = new ReadBuffer();
  const sources = listBankFiles(bankDir).map((file) => {
    const read = readDocument(file, file, buffer);
    if (!read.ok) throw new Error(`${file} does not parse`);
    return { file: displayPath(file, cwd), data: read.data };
  });
  lap("bank files: read + JSON/YAML parse (readDocument)");
  const { bank } = parseBank(sources, syllabus.types);
  lap(`bank schema + normalise (parseBank, zod), ${bank.questions.length} questions`);
  const classified = classifyBank(bank.questions, blueprint, syllabus, { used: new Set(), allowReuse: false });
  lap("classify interchangeable questions (classifyBank)");
  const rules = paperRules(blueprint, syllabus);
  bankShortfalls(rules, classified);
  lap("bank supply check per rule (bankShortfalls)");
  const model = assemblyModel(bank, blueprint, syllabus, { seed: 1, forms, maxOverlap });
  lap("build the exact model over every class (assemblyModel)");
  const lp = toCplexLp(model);
  lap("model to CPLEX LP text (toCplexLp)");

  const solver = new HighsSolver();
  const options = { timeLimitSeconds: 60, firstFeasible: true, seed: 1 };
  const cold = await solver.solve(model, options);
  lap(`first solve: worker start + WASM compile + solve (${cold.status})`);
  const warm = await solver.solve(model, options);
  lap(`second solve, same worker (${warm.status})`);
  const result = await assemble(bank, blueprint, syllabus, { seed: 1, forms, maxOverlap, solver, timeLimitSeconds: 60 });
  const assembleTotal = (performance.now() - clock) / 1000;
  lap("assemble() again, warm worker: total");
  stages.push(["  of which solve (stats.solveSeconds)", result.stats.solveSeconds]);
  stages.push(["  of which the rest (classify, supply check, build, LP text, pick, validate)", assembleTotal - result.stats.solveSeconds]);
  solver.close();

  const report: PhaseReport = { stages, classes: classified.classes.length, cells: result.stats.cells, variables: model.variables.length, rows: model.rows.length, lpBytes: lp.length };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
