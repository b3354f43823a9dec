import type { ClassifiedBank } from "../assemble/classes.js";
import type { Coefficients } from "../assemble/coefficients.js";
import { seededRandom } from "../random.js";
import type { LinearRule } from "../rules.js";
import { PartitionState } from "./partition-state.js";

/**
 * k disjoint papers from the questions an aggregate of k papers takes, by local search: the questions
 * are dealt to the papers section by section, then questions are swapped (between papers, or with the
 * questions left over) until every paper meets every rule. No solver, so a step costs microseconds where
 * a peel step costs a solve; the search is deterministic (a seeded generator, a limit on steps, never the
 * clock), and what it returns is checked by the caller like every other constructed paper.
 *
 * A step takes a paper that breaks a rule and makes the swap that lowers the weighted breakage most. Where
 * no single swap helps:
 * - an *exchange* of up to three questions with another paper, found by matching sums, mends the exact
 *   rules (level and difficulty shares) that single swaps cannot: a paper 1 point short of 难 whose
 *   1-point questions hold no 难 needs several questions changed at once;
 * - else the rules the paper breaks weigh more from then on (breakout), so the breakage moves on to other
 *   papers until it meets its opposite and cancels.
 */
export interface PartitionInput {
  bank: ClassifiedBank;
  coefficients: Coefficients;
  rules: readonly LinearRule[];
  maxReused: number;
  available: readonly number[];
  /** Questions of each class the papers start with, together: a solution of the aggregate of k papers. */
  used: readonly number[];
  /** Questions a paper takes from each section, by section index. */
  sectionCounts: readonly number[];
  papers: number;
  seed: number;
  /** Steps before the search gives up: its work limit. */
  maxSteps: number;
}

export interface PartitionResult {
  /** Class counts of each paper, when every paper meets every rule. */
  papers?: number[][];
  steps: number;
}

const EPS = 1e-9;
/** Papers a step looks at to swap with (all of them on a small run). */
const HOLDERS = 24;
/** Unused classes of a section a step looks at, at most, for each question of the paper. */
const POOL_SAMPLE = 200;
/** Steps a class just taken out of a paper stays out of it, so that sideways moves do not cycle. */
const TENURE = 10;
/** Exchanges an exchange step evaluates, at most. */
const MAX_MATCHES = 2000;
/** Papers an exchange looks at, at most: as many breaking rules, then as many that break none. */
const PARTNERS = 8;
/** Papers off by exactly the opposite an exchange looks at, at most. */
const OPPOSITES = 32;

/** k disjoint papers by local search (see above), or none when `maxSteps` steps do not get there. */
export function partitionPapers(input: PartitionInput): PartitionResult {
  const state = new PartitionState(input);
  if (!state.deal(seededRandom(Math.imul(input.seed, 2654435761) ^ 0x5bd1e995))) return { steps: 0 };
  const steps = new Search(state, seededRandom(input.seed * 7 + 3)).run(input.maxSteps);
  return steps === undefined ? { steps: input.maxSteps } : { papers: state.papers(), steps };
}

class Search {
  private step = 0;
  private readonly tabu = new Map<number, number>();
  /** Δ of the paper for each class b, cached per question a of the paper (stamped). */
  private readonly cache: Float64Array;
  private readonly cacheStamp: Int32Array;
  private stamp = 0;
  private readonly seen: Int32Array;

  constructor(
    private readonly s: PartitionState,
    private readonly random: () => number,
  ) {
    this.cache = new Float64Array(s.C);
    this.cacheStamp = new Int32Array(s.C);
    this.seen = new Int32Array(s.C).fill(-1);
  }

  /** Steps taken when every paper meets every rule; undefined when the limit came first. */
  run(maxSteps: number): number | undefined {
    const s = this.s;
    for (;;) {
      const open = s.openPapers();
      if (!open.length) return this.step;
      if (this.step >= maxSteps) return undefined;
      this.step++;
      const p = open[Math.floor(this.random() * open.length)]!;
      const move = this.bestSwap(p);
      if (move && move.delta < -EPS) {
        this.apply(p, move);
        continue;
      }
      if (this.exchange(p, open)) continue;
      if (move && move.delta <= EPS) this.apply(p, move);
      s.breakout(p);
    }
  }

  private holders(p: number): number[] {
    const k = this.s.k;
    if (k - 1 <= HOLDERS) return Array.from({ length: k }, (_, i) => i).filter((i) => i !== p);
    const set = new Set<number>();
    while (set.size < HOLDERS) {
      const h = Math.floor(this.random() * k);
      if (h !== p) set.add(h);
    }
    return [...set].sort((x, y) => x - y);
  }

  private tabooed(p: number, c: number): boolean {
    return (this.tabu.get(p * this.s.C + c) ?? 0) > this.step;
  }

  /**
   * The best single swap of one of p's questions, with another paper or with the questions left over,
   * among those that move a rule p breaks the right way (or part enemies).
   */
  private bestSwap(p: number): Move | undefined {
    const s = this.s;
    const holders = this.holders(p);
    let best: Move | undefined;
    let ties = 0;
    s.prepareNeeds(p);
    const consider = (delta: number, slot: number, holder: number, holderSlot: number, b: number) => {
      if (best && delta > best.delta + EPS) return;
      if (delta >= -EPS && (this.tabooed(p, b) || (holder >= 0 && this.tabooed(holder, s.slots[p * s.S + slot]!)))) return;
      if (!best || delta < best.delta - EPS) {
        best = { delta, slot, holder, holderSlot, b };
        ties = 1;
      } else if (this.random() * ++ties < 1) best = { delta, slot, holder, holderSlot, b };
    };
    const start = Math.floor(this.random() * s.S);
    for (let n = 0; n < s.S; n++) {
      const i = (start + n) % s.S;
      const a = s.slots[p * s.S + i]!;
      if (this.seen[a] === this.step) continue;
      this.seen[a] = this.step;
      this.stamp++;
      const section = s.slotSection[i]!;
      const pool = s.pools[section]!;
      const sample = Math.min(pool.length, POOL_SAMPLE);
      // A sample spread over the whole pool (it is in class order: by chapter within a section).
      const offset = pool.length > POOL_SAMPLE ? this.random() * pool.length : 0;
      const stride = pool.length / sample;
      for (let j = 0; j < sample; j++) {
        const b = pool[Math.floor(offset + j * stride) % pool.length]!;
        if (b === a || s.free[b]! <= 0 || !s.helps(a, b)) continue;
        const d = s.delta(p, a, b);
        // Unused questions keep the papers' sum within the aggregate's bounds: exact rules stay exact.
        const g = s.aggregateDelta();
        if (g > EPS) continue;
        consider(d + g, i, -1, -1, b);
      }
      const [from, to] = s.sectionSlots[section]!;
      for (const h of holders) {
        const hOpen = s.violation[h]! > EPS;
        for (let j = from; j < to; j++) {
          const b = s.slots[h * s.S + j]!;
          if (b === a || !s.helps(a, b)) continue;
          let d: number;
          if (this.cacheStamp[b] === this.stamp) d = this.cache[b]!;
          else {
            d = s.delta(p, a, b);
            this.cache[b] = d;
            this.cacheStamp[b] = this.stamp;
          }
          // A holder that breaks nothing can only lose: the swap must win on p alone.
          if (!hOpen && best && d >= best.delta) continue;
          consider(d + s.delta(h, b, a), i, h, j, b);
        }
      }
    }
    return best;
  }

  private apply(p: number, move: Move): void {
    const s = this.s;
    const a = s.slots[p * s.S + move.slot]!;
    if (move.holder < 0) s.swapWithPool(p, move.slot, move.b);
    else s.swapBetween(p, move.slot, move.holder, move.holderSlot);
    this.tabu.set(p * s.C + a, this.step + TENURE);
    if (move.holder >= 0) this.tabu.set(move.holder * s.C + move.b, this.step + TENURE);
  }

  /**
   * Up to three of p's questions for as many of another paper's, the same sections, chosen so that
   * every exact rule p breaks comes out exact (matched by a hash of the sums). The partners: papers that
   * break rules first (the opposite breakage cancels), then the others. Applied when it lowers the
   * weighted breakage of the two.
   */
  private exchange(p: number, open: readonly number[]): boolean {
    const s = this.s;
    if (!s.breaksExact(p)) return false;
    const shift = s.exactRows.map((r) => s.sums[p * s.R + r]! - s.lo[r]!);
    const mine = new Map<number, number[]>();
    s.subsets(p, undefined, (key, set) => {
      const list = mine.get(key);
      if (list) list.push(set);
      else mine.set(key, [set]);
    });
    // Papers off by exactly the opposite first (one exchange mends both), then others that break rules,
    // then, only if none of them fits, papers that break none (the breakage moves on).
    const others = open.filter((q) => q !== p);
    const opposite = s.deviationKey(p, -1);
    const matching = others.filter((q) => s.deviationKey(q, 1) === opposite);
    const pick = (list: number[], n: number) => (list.length <= n ? list : Array.from({ length: n }, () => list[Math.floor(this.random() * list.length)]!));
    const partners = [...new Set([...pick(matching, OPPOSITES), ...pick(others, PARTNERS)])];
    partners.push(-1, ...this.holders(p).filter((q) => s.violation[q]! <= EPS).slice(0, PARTNERS));
    let best: { gain: number; q: number; xs: number; ys: number } | undefined;
    let matches = 0;
    const xs = [0, 0, 0];
    const ys = [0, 0, 0];
    for (const q of partners) {
      if (q < 0) {
        if (best) break;
        continue;
      }
      if (matches >= MAX_MATCHES) break;
      s.subsets(q, shift, (key, packedY) => {
        const found = mine.get(key);
        if (!found || matches >= MAX_MATCHES) return;
        const ny = unpack(packedY, ys);
        for (const packedX of found) {
          if (unpack(packedX, xs) !== ny || xs.some((x, i) => i < ny && s.slotSection[x] !== s.slotSection[ys[i]!])) continue;
          if (++matches > MAX_MATCHES) return;
          const gain = -s.exchangeDelta(p, xs, q, ys, ny);
          if (gain > EPS && (!best || gain > best.gain + EPS)) best = { gain, q, xs: packedX, ys: packedY };
        }
      });
    }
    if (!best) return false;
    const n = unpack(best.xs, xs);
    unpack(best.ys, ys);
    s.exchange(p, xs, best.q, ys, n);
    return true;
  }
}

interface Move {
  delta: number;
  slot: number;
  /** The paper swapped with; -1 for the questions left over. */
  holder: number;
  holderSlot: number;
  b: number;
}

/** Slots packed as i | j << 8 | l << 16 (255: none) into `out`, ordered; returns how many. */
function unpack(packed: number, out: number[]): number {
  let n = 0;
  for (let shift = 0; shift < 24; shift += 8) {
    const i = (packed >> shift) & 255;
    if (i !== 255) out[n++] = i;
  }
  return n;
}
