import { join } from "node:path";
import { writeSyntheticProject, type SyntheticProject } from "../../src/bench/synthetic-bank.js";
import { loadProject, type Project } from "../../src/io/load-project.js";
import { ROOT } from "./cli.js";

/** The bundled 10421 project: blueprint, syllabus and bank, as the command line loads them. */
export function bundledProject(): Project {
  const loaded = loadProject({ blueprint: join(ROOT, "blueprints/10421.yaml"), cwd: ROOT });
  if (!loaded.ok) throw new Error("bundled project does not load");
  return loaded.project;
}

/** A seeded synthetic project shaped like the bundled one (seed 3, 2 % with excludes), written into `dir`. */
export function syntheticProject(dir: string, size: number): SyntheticProject {
  return writeSyntheticProject(dir, {
    size,
    seed: 3,
    excludeShare: 0.02,
    blueprintFile: join(ROOT, "blueprints/10421.yaml"),
    syllabusFile: join(ROOT, "blueprints/10421-syllabus.yaml"),
  });
}
