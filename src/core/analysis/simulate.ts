// A seeded simulated sitting with known truth, for tests and the documentation's example: abilities
// θ ~ N(0, 1); each scored unit follows a two-parameter logistic model P(θ) = 1 / (1 + e^(−a(θ − b)));
// a choice question is all or nothing, a written one earns each of its points with probability P(θ)
// (partial credit). The true p of a unit is E[P(θ)].
import { seededRandom } from "../random.js";
import type { Difficulty } from "../vocabulary.js";
import type { Sitting } from "./sitting.js";
import type { QuestionUnit } from "./units.js";

export interface ItemParameters {
  a: number;
  b: number;
}

export interface SimulationOptions {
  seed: number;
  candidates: number;
  name?: string;
  /** The syllabus's difficulty grades, easiest first: the default parameters place each tag's b by them. */
  difficulties: readonly Difficulty[];
  /** Parameters of a unit (a question, or a case sub-question); default: b from its tag, both jittered. */
  parameters?: (key: string, difficulty: Difficulty | undefined, random: () => number) => ItemParameters;
  /** Record the options chosen for choice questions (default true). */
  choices?: boolean;
}

export interface SimulatedSitting {
  sitting: Sitting;
  /** True parameters and p of every scored unit, by key. */
  truth: Map<string, ItemParameters & { p: number }>;
}

// The b of each declared grade, easiest first, spread evenly from −1.6 (true p about 0.83 at a = 1.3) to
// 1.2 (about 0.23); a unit without a tag, or with an undeclared one, sits at the grade just past the middle.
const EASIEST = -1.6;
const HARDEST = 1.2;

/** Where each declared grade's b is centred. */
export function tagLocations(difficulties: readonly Difficulty[]): Map<Difficulty, number> {
  const n = difficulties.length;
  return new Map(difficulties.map((grade, i) => [grade, n === 1 ? (EASIEST + HARDEST) / 2 : EASIEST + ((HARDEST - EASIEST) * i) / (n - 1)]));
}

function defaultParameters(difficulties: readonly Difficulty[]): NonNullable<SimulationOptions["parameters"]> {
  const locations = tagLocations(difficulties);
  const middle = locations.get(difficulties[Math.floor(difficulties.length / 2)]!)!;
  return (_key, difficulty, random) => ({ a: 0.6 + 1.4 * random(), b: (locations.get(difficulty ?? "") ?? middle) + (random() - 0.5) * 1.6 });
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** E[P(θ)] for θ ~ N(0, 1), by the trapezoid rule on [−8, 8]. */
export function trueP({ a, b }: ItemParameters): number {
  const step = 0.005;
  let total = 0;
  let weight = 0;
  for (let t = -8; t <= 8 + 1e-9; t += step) {
    const w = Math.exp(-(t * t) / 2);
    total += w * logistic(a * (t - b));
    weight += w;
  }
  return total / weight;
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A wrong answer: one distractor for a single choice; for a multiple choice, the key with a letter added or dropped. */
function wrongChoice(letters: string, answer: string, single: boolean, random: () => number): string {
  const wrong = [...letters].filter((l) => !answer.includes(l));
  const distractor = wrong[Math.floor(random() * wrong.length)]!;
  if (single) return distractor;
  if (answer.length > 1 && random() < 0.5) {
    const drop = Math.floor(random() * answer.length);
    return [...answer].filter((_, i) => i !== drop).join("");
  }
  return [...answer, distractor].sort().join("");
}

export function simulateSitting(units: readonly QuestionUnit[], options: SimulationOptions): SimulatedSitting {
  const random = seededRandom(options.seed);
  const pick = options.parameters ?? defaultParameters(options.difficulties);
  const scored = units.flatMap((u) =>
    u.subs.length ? u.subs.map((s) => ({ unit: u, key: s.key, points: s.points, difficulty: s.difficulty as Difficulty | undefined })) : [{ unit: u, key: u.key, points: u.points, difficulty: u.difficulty }],
  );
  const truth = new Map<string, ItemParameters & { p: number }>();
  for (const s of scored) {
    const params = pick(s.key, s.difficulty, random);
    truth.set(s.key, { ...params, p: trueP(params) });
  }
  const n = options.candidates;
  const thetas = Array.from({ length: n }, () => normal(random));
  const scores = new Map<string, number[]>(scored.map((s) => [s.key, []]));
  const choices = new Map<number, string[]>();
  const recordChoices = options.choices ?? true;
  for (let c = 0; c < n; c++) {
    for (const s of scored) {
      const { a, b } = truth.get(s.key)!;
      const chance = logistic(a * (thetas[c]! - b));
      const choice = s.unit.choice;
      if (choice) {
        const right = random() < chance;
        scores.get(s.key)!.push(right ? s.points : 0);
        if (recordChoices) {
          const chosen = right ? choice.answer : wrongChoice(choice.letters, choice.answer, choice.single, random);
          (choices.get(s.unit.number) ?? choices.set(s.unit.number, []).get(s.unit.number)!).push(chosen);
        }
      } else {
        const steps = Math.max(1, Math.round(s.points));
        let earned = 0;
        for (let k = 0; k < steps; k++) if (random() < chance) earned++;
        scores.get(s.key)!.push((earned * s.points) / steps);
      }
    }
  }
  const candidates = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(4, "0")}`);
  return { sitting: { name: options.name ?? `simulated-${options.seed}`, candidates, scores, choices }, truth };
}
