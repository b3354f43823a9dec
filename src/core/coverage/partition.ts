import type { ClassifiedBank } from "../assemble/classes.js";
import type { Coefficients } from "../assemble/coefficients.js";
import { seededRandom } from "../random.js";
import type { LinearRule } from "../rules.js";
import type { PeelGroup } from "./peel.js";

export interface PartitionInput {
  bank: ClassifiedBank;
  coefficients: Coefficients;
  rules: readonly LinearRule[];
  maxReused: number;
  available: readonly number[];
  /** Groups of classes (each class in at most one); a question is only ever swapped for one of its group. */
  groups: readonly PeelGroup[];
  /** For each paper, questions of each group it takes. */
  plan: readonly (readonly number[])[];
  seed: number;
  /** Steps of the search before it gives up: the work limit. */
  maxSteps: number;
  /** Questions of each class the papers start with together (an aggregate's solution); default: spread evenly. */
  used?: readonly number[];
}

export interface PartitionResult {
  /** Class counts of each paper, when every paper meets every rule. */
  papers?: number[][];
  steps: number;
}

const EPS = 1e-9;
/** Papers a step looks at to swap with, beside the unused questions. */
const HOLDERS = 24;
/** Unused classes of a group a step looks at, at most. */
const POOL_SAMPLE = 400;
const TENURE = 10;

export const STATS = { calls: 0, matches: 0, applied: 0 };
export function partitionPapers(input: PartitionInput): PartitionResult {
  const { bank, available, plan, groups } = input;
  const k = plan.length;
  const C = bank.classes.length;
  const rng = seededRandom(Math.imul(input.seed, 2654435761));
  const rules = [...input.rules];
  const columns = rules.map((r) => input.coefficients.column(r));
  if (bank.classes.some((c) => c.reused)) {
    rules.push({ id: "reused-questions", group: "history", subject: { rule: "reused", bound: "" }, unit: "questions", measure: (i) => (i.reused ? 1 : 0), max: input.maxReused });
    columns.push(Float64Array.from(bank.classes, (c) => (c.reused ? 1 : 0)));
  }
  const R = rules.length;
  const lo = Float64Array.from(rules, (r) => r.min ?? -Infinity);
  const hi = Float64Array.from(rules, (r) => r.max ?? Infinity);
  const coefStart = new Int32Array(C + 1);
  const coefRule: number[] = [];
  const coefVal: number[] = [];
  for (let c = 0; c < C; c++) {
    coefStart[c] = coefRule.length;
    for (let r = 0; r < R; r++) {
      const v = columns[r]![c]!;
      if (v !== 0) {
        coefRule.push(r);
        coefVal.push(v);
      }
    }
  }
  coefStart[C] = coefRule.length;
  const enemies: number[][] = Array.from({ length: C }, () => []);
  for (const [a, b] of bank.enemyPairs) {
    enemies[a]!.push(b);
    enemies[b]!.push(a);
  }
  const groupOf = new Int32Array(C).fill(-1);
  groups.forEach((g, i) => g.classes.forEach((c) => (groupOf[c] = i)));

  const S = plan[0]?.reduce((s, n) => s + n, 0) ?? 0;
  const slots = new Int32Array(k * S);
  const free = Int32Array.from(available);
  const count = new Uint16Array(k * C);

  // Deal each group's questions to the papers that need them: spread over the group (ordered by
  // chapter), in a snake over the papers, so that each paper starts with a fair mix.
  const filled = new Int32Array(k);
  for (let g = 0; g < groups.length; g++) {
    const demand: number[] = [];
    const most = plan.reduce((m, counts) => Math.max(m, counts[g]!), 0);
    for (let round = 0; round < most; round++) {
      for (let i = 0; i < k; i++) {
        const p = round % 2 === 0 ? i : k - 1 - i;
        if (plan[p]![g]! > round) demand.push(p);
      }
    }
    if (!demand.length) continue;
    const members = groups[g]!.classes.filter((c) => available[c]! > 0);
    members.sort((x, y) => bank.classes[x]!.facts.chapter - bank.classes[y]!.facts.chapter || x - y);
    const items: number[] = [];
    const take = input.used ?? available;
    for (const c of members) for (let n = 0; n < take[c]!; n++) items.push(c);
    if (items.length < demand.length || (input.used && items.length !== demand.length)) return { steps: 0 };
    if (process.env.DEAL === "random") {
      for (let i = demand.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [demand[i], demand[j]] = [demand[j]!, demand[i]!];
      }
    }
    demand.forEach((p, j) => {
      const c = items[Math.floor(((j + 0.5) * items.length) / demand.length)]!;
      slots[p * S + filled[p]!++] = c;
      free[c]! -= 1;
      count[p * C + c]! += 1;
    });
  }

  const sums = new Float64Array(k * R);
  const weight = new Float64Array(k * R).fill(1);
  const enemyWeight = new Float64Array(k).fill(1);
  for (let p = 0; p < k; p++) {
    for (let i = 0; i < S; i++) {
      const c = slots[p * S + i]!;
      for (let t = coefStart[c]!; t < coefStart[c + 1]!; t++) sums[p * R + coefRule[t]!]! += coefVal[t]!;
    }
  }
  const exc = (r: number, s: number) => (s < lo[r]! - EPS ? lo[r]! - s : s > hi[r]! + EPS ? s - hi[r]! : 0);
  const conflicts = (p: number) => {
    let n = 0;
    for (let i = 0; i < S; i++) {
      for (const e of enemies[slots[p * S + i]!]!) if (count[p * C + e]! > 0) n++;
    }
    return n / 2;
  };
  const violation = (p: number) => {
    let v = 0;
    for (let r = 0; r < R; r++) {
      const e = exc(r, sums[p * R + r]!);
      if (e > 0) v += e * weight[p * R + r]!;
    }
    return v + conflicts(p) * enemyWeight[p]!;
  };
  const total = new Float64Array(R);
  for (let p = 0; p < k; p++) for (let r = 0; r < R; r++) total[r]! += sums[p * R + r]!;
  const aggExc = (r: number, s: number) => (s < lo[r]! * k - EPS ? lo[r]! * k - s : s > hi[r]! * k + EPS ? s - hi[r]! * k : 0);
  const viol = new Float64Array(k);
  for (let p = 0; p < k; p++) viol[p] = violation(p);

  const tmp = new Float64Array(R);
  const mark = new Int32Array(R);
  let stamp = 0;
  const touched: number[] = [];
  /** Change in paper p's weighted violation when one question of class a is replaced by one of class b. */
  const delta = (p: number, a: number, b: number): number => {
    stamp++;
    touched.length = 0;
    for (let t = coefStart[a]!; t < coefStart[a + 1]!; t++) {
      const r = coefRule[t]!;
      tmp[r] = -coefVal[t]!;
      mark[r] = stamp;
      touched.push(r);
    }
    for (let t = coefStart[b]!; t < coefStart[b + 1]!; t++) {
      const r = coefRule[t]!;
      if (mark[r] === stamp) tmp[r]! += coefVal[t]!;
      else {
        tmp[r] = coefVal[t]!;
        mark[r] = stamp;
        touched.push(r);
      }
    }
    let d = 0;
    const base = p * R;
    for (const r of touched) {
      const t = tmp[r]!;
      if (t === 0) continue;
      const s = sums[base + r]!;
      d += weight[base + r]! * (exc(r, s + t) - exc(r, s));
    }
    if (enemies[a]!.length || enemies[b]!.length) {
      let e = 0;
      for (const x of enemies[a]!) if (count[p * C + x]! > 0) e--;
      for (const x of enemies[b]!) if (x !== a && count[p * C + x]! > 0) e++;
      d += e * enemyWeight[p]!;
    }
    return d;
  };
  /** Change in paper p's weighted violation when the classes `out` leave it and `inn` come in. */
  const deltaMany = (p: number, out: readonly number[], inn: readonly number[]): number => {
    stamp++;
    touched.length = 0;
    const add = (c: number, sign: number) => {
      for (let t = coefStart[c]!; t < coefStart[c + 1]!; t++) {
        const r = coefRule[t]!;
        if (mark[r] === stamp) tmp[r]! += sign * coefVal[t]!;
        else {
          tmp[r] = sign * coefVal[t]!;
          mark[r] = stamp;
          touched.push(r);
        }
      }
    };
    for (const c of out) add(c, -1);
    for (const c of inn) add(c, 1);
    let d = 0;
    const base = p * R;
    for (const r of touched) {
      const t = tmp[r]!;
      if (Math.abs(t) < EPS) continue;
      const s = sums[base + r]!;
      d += weight[base + r]! * (exc(r, s + t) - exc(r, s));
    }
    if (hasEnemies) d += enemyChange(p, out, inn) * enemyWeight[p]!;
    return d;
  };
  /** Change in the enemy pairs paper p holds when `out` leave and `inn` come in. */
  const enemyChange = (p: number, out: readonly number[], inn: readonly number[]): number => {
    const changed = [...out, ...inn].filter((c, i, all) => enemies[c]!.length && all.indexOf(c) === i);
    if (!changed.length) return 0;
    const before = (c: number) => count[p * C + c]!;
    const after = (c: number) => before(c) - out.filter((x) => x === c).length + inn.filter((x) => x === c).length;
    let change = 0;
    for (const c of changed) {
      for (const e of enemies[c]!) {
        if (changed.includes(e) && e < c) continue;
        change += after(c) * after(e) - before(c) * before(e);
      }
    }
    return change;
  };
  const hasEnemies = bank.enemyPairs.length > 0;
  const replace = (p: number, slot: number, b: number) => {
    const a = slots[p * S + slot]!;
    const base = p * R;
    for (let t = coefStart[a]!; t < coefStart[a + 1]!; t++) sums[base + coefRule[t]!]! -= coefVal[t]!;
    for (let t = coefStart[b]!; t < coefStart[b + 1]!; t++) sums[base + coefRule[t]!]! += coefVal[t]!;
    slots[p * S + slot] = b;
    count[p * C + a]! -= 1;
    count[p * C + b]! += 1;
  };

  const pools = groups.map((g) => g.classes.filter((c) => available[c]! > 0));
  let steps = 0;
  const open: number[] = [];
  const refreshOpen = () => {
    open.length = 0;
    for (let p = 0; p < k; p++) if (viol[p]! > EPS) open.push(p);
  };
  refreshOpen();
  const seen = new Int32Array(C).fill(-1);
  /**
   * Every set of one to three of a paper's slots, with a key: its groups and its sums over `rows` (plus
   * `shift`), hashed to one number. Sets are packed as i | j << 8 | l << 16 (255: none).
   */
  const subsets = (p: number, rows: readonly number[], shift: readonly number[], visit: (key: number, set: number) => void) => {
    const n = rows.length;
    const v = new Float64Array(S * n);
    const g = new Int32Array(S);
    for (let i = 0; i < S; i++) {
      const c = slots[p * S + i]!;
      g[i] = groupOf[c]!;
      for (let j = 0; j < n; j++) v[i * n + j] = columns[rows[j]!]![c]!;
    }
    const keyOf = (g1: number, g2: number, g3: number, a: number, b: number, c: number) => {
      // Groups sorted, so that the same groups in any order give the same key.
      let x = g1, y = g2, z = g3, t;
      if (x > y) { t = x; x = y; y = t; }
      if (y > z) { t = y; y = z; z = t; }
      if (x > y) { t = x; x = y; y = t; }
      let h1 = Math.imul(x + 2, 0x9e3779b1) ^ Math.imul(y + 2, 0x85ebca77) ^ Math.imul(z + 2, 0xc2b2ae3d);
      let h2 = (x + 2) * 7919 + (y + 2) * 104729 + (z + 2);
      for (let j = 0; j < n; j++) {
        const w = Math.round((v[a * n + j]! + (b >= 0 ? v[b * n + j]! : 0) + (c >= 0 ? v[c * n + j]! : 0) + shift[j]!) * 1000);
        h1 = Math.imul(h1 ^ w, 0x27d4eb2d) + j;
        h2 = Math.imul(h2 + w, 0x165667b1) ^ (h2 >>> 15);
      }
      return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
    };
    for (let a = 0; a < S; a++) {
      visit(keyOf(g[a]!, -1, -1, a, -1, -1), a | (255 << 8) | (255 << 16));
      for (let b = a + 1; b < S; b++) {
        visit(keyOf(g[a]!, g[b]!, -1, a, b, -1), a | (b << 8) | (255 << 16));
        for (let c = b + 1; c < S; c++) visit(keyOf(g[a]!, g[b]!, g[c]!, a, b, c), a | (b << 8) | (c << 16));
      }
    }
  };
  const unpack = (set: number) => [set & 255, (set >> 8) & 255, (set >> 16) & 255].filter((i) => i !== 255);
  const exchange = (p: number): boolean => {
    const rows: number[] = [];
    let broken = false;
    for (let r = 0; r < R; r++) {
      if (lo[r] !== hi[r]) continue;
      rows.push(r);
      if (exc(r, sums[p * R + r]!) > 0) broken = true;
    }
    if (!broken) return false;
    STATS.calls++;
    const dev = rows.map((r) => sums[p * R + r]! - lo[r]!);
    const mine = new Map<number, number[]>();
    subsets(p, rows, rows.map(() => 0), (key, set) => {
      const list = mine.get(key);
      if (list) list.push(set);
      else mine.set(key, [set]);
    });
    const partners = [...open.filter((q) => q !== p), ...Array.from({ length: k }, (_, q) => q).filter((q) => q !== p && viol[q]! <= EPS)];
    let bestGain = -EPS;
    let found: [number, number[], number[]] | undefined;
    const pairUp = (q: number, xs: number[], ys: number[]) => {
      const byGroup = (pp: number, set: number[]) => [...set].sort((i, j) => groupOf[slots[pp * S + i]!]! - groupOf[slots[pp * S + j]!]! || i - j);
      return [byGroup(p, xs), byGroup(q, ys)] as const;
    };
    const apply = (q: number, xs: readonly number[], ys: readonly number[]) => {
      const from = xs.map((i) => slots[p * S + i]!);
      const to = ys.map((i) => slots[q * S + i]!);
      xs.forEach((i, n) => replace(p, i, to[n]!));
      ys.forEach((i, n) => replace(q, i, from[n]!));
    };
    for (const q of partners.slice(0, HOLDERS)) {
      const before = viol[p]! + viol[q]!;
      subsets(q, rows, dev, (key, packedY) => {
        const matches = mine.get(key);
        if (!matches) return;
        const ys = unpack(packedY);
        STATS.matches += matches.length;
        for (const packedX of matches) {
          const xs = unpack(packedX);
          if (xs.length !== ys.length) continue;
          const [px, qy] = pairUp(q, xs, ys);
          if (px.some((i, n) => groupOf[slots[p * S + i]!] !== groupOf[slots[q * S + qy[n]!]!])) continue;
          if (px.some((i, n) => slots[p * S + i] === slots[q * S + qy[n]!])) continue;
          let gain: number;
          const from = px.map((i) => slots[p * S + i]!);
          const to = qy.map((i) => slots[q * S + i]!);
          if (process.env.SLOW) {
            apply(q, px, qy);
            gain = before - violation(p) - violation(q);
            apply(q, px, qy); // the same swap again puts them back
          } else gain = -deltaMany(p, from, to) - deltaMany(q, to, from);
          if (process.env.SLOW === "check") {
            apply(q, px, qy);
            const g2 = before - violation(p) - violation(q);
            apply(q, px, qy);
            if (Math.abs(g2 - gain) > 1e-6) throw new Error(`gain ${gain} vs ${g2}`);
          }
          if (gain > bestGain) {
            bestGain = gain;
            found = [q, [...px], [...qy]];
          }
        }
      });
    }
    if (!found) return false;
    STATS.applied++;
    const [q, xs, ys] = found;
    apply(q, xs, ys);
    viol[p] = violation(p);
    viol[q] = violation(q);
    return true;
  };
  // A class just taken out of a paper may not come back for a while, so that sideways moves do not cycle.
  const tabu = new Map<number, number>();
  const tabuUntil = (p: number, c: number) => tabu.get(p * C + c) ?? 0;
  while (open.length) {
    if (steps >= input.maxSteps) {
      if ((globalThis as { DEBUG?: unknown }).DEBUG === "end") {
        const raw: Record<string, number> = {};
        for (let q = 0; q < k; q++) for (let r = 0; r < R; r++) { const e = exc(r, sums[q * R + r]!); if (e > 0) raw[rules[r]!.id] = (raw[rules[r]!.id] ?? 0) + e; }
        console.log("END", open.length, JSON.stringify(raw));
      } else if ((globalThis as { DEBUG?: unknown }).DEBUG) {
        for (const q of open) {
          console.log(`paper ${q}:`, rules.flatMap((r, i) => (exc(i, sums[q * R + i]!) > 0 ? [`${r.id}=${sums[q * R + i]}`] : [])).join(" "));
          for (let i = 0; i < S; i++) {
            const f = bank.classes[slots[q * S + i]!]!.facts;
            console.log(`  ${f.type} ch${f.chapter} ${JSON.stringify(f.levelPoints)} ${JSON.stringify(f.difficultyPoints)} kp ${f.knowledgePoints} ${f.minutes}`);
          }
        }
        const poolList: string[] = [];
        free.forEach((n, c) => { if (n > 0) { const f = bank.classes[c]!.facts; poolList.push(`${f.type} ch${f.chapter} ${JSON.stringify(f.levelPoints)} ${JSON.stringify(f.difficultyPoints)}`); } });
        console.log("pool", poolList.filter((x) => x.startsWith("单项")).join("\n"));
      }
      return { steps };
    }
    steps++;
    if ((globalThis as { DEBUG?: unknown }).DEBUG === "1" && steps % 100 === 0) {
      const raw: Record<string, number> = {};
      for (let q = 0; q < k; q++) for (let r = 0; r < R; r++) { const e = exc(r, sums[q * R + r]!); if (e > 0) raw[rules[r]!.id] = (raw[rules[r]!.id] ?? 0) + e; }
      console.log(steps, open.length, JSON.stringify(raw), open.join(","), open.map((q) => viol[q]!.toFixed(0)).join(","));
    }
    const p = open[Math.floor(rng() * open.length)]!;
    let holders: number[];
    if (k - 1 <= HOLDERS) holders = Array.from({ length: k }, (_, i) => i).filter((i) => i !== p);
    else {
      const set = new Set<number>();
      while (set.size < HOLDERS) {
        const h = Math.floor(rng() * k);
        if (h !== p) set.add(h);
      }
      holders = [...set].sort((x, y) => x - y);
    }
    let best = Infinity;
    let ties = 0;
    let move = [-1, -1, -1, -1]; // slot in p, holder (-1: unused), slot in holder, class b
    const consider = (d: number, slot: number, h: number, hs: number, b: number) => {
      if (d >= -EPS && (tabuUntil(p, b) > steps || (h >= 0 && tabuUntil(h, slots[p * S + slot]!) > steps))) return;
      if (d < best - EPS) {
        best = d;
        ties = 1;
        move = [slot, h, hs, b];
      } else if (d <= best + EPS) {
        ties++;
        if (rng() * ties < 1) move = [slot, h, hs, b];
      }
    };
    for (let i = 0; i < S; i++) {
      const a = slots[p * S + i]!;
      if (seen[a] === steps) continue;
      seen[a] = steps;
      const g = groupOf[a]!;
      const pool = pools[g]!;
      const sample = Math.min(pool.length, POOL_SAMPLE);
      const offset = pool.length > POOL_SAMPLE ? Math.floor(rng() * pool.length) : 0;
      for (let j = 0; j < sample; j++) {
        const b = pool[(offset + j) % pool.length]!;
        if (b === a || free[b]! <= 0) continue;
        const d = delta(p, a, b);
        let g = 0;
        for (const r of touched) {
          const t = tmp[r]!;
          if (t !== 0) g += aggExc(r, total[r]! + t) - aggExc(r, total[r]!);
        }
        if (g > EPS) continue;
        consider(d + g, i, -1, -1, b);
      }
      for (const h of holders) {
        for (let j = 0; j < S; j++) {
          const b = slots[h * S + j]!;
          if (b === a || groupOf[b] !== g) continue;
          const d = delta(p, a, b);
          // The holder gains only where it breaks a rule: a move that does not help p cannot win otherwise.
          if (d >= best && viol[h]! <= EPS) continue;
          consider(d + delta(h, b, a), i, h, j, b);
        }
      }
    }
    if (best > -EPS && (process.env.EXCH ?? "1") !== "0" && exchange(p)) {
      refreshOpen();
      continue;
    }
    if (best <= EPS) {
      const [slot, h, hs, b] = move as [number, number, number, number];
      const a = slots[p * S + slot]!;
      replace(p, slot, b);
      if (h < 0) {
        free[b]! -= 1;
        free[a]! += 1;
        for (let t = coefStart[a]!; t < coefStart[a + 1]!; t++) total[coefRule[t]!]! -= coefVal[t]!;
        for (let t = coefStart[b]!; t < coefStart[b + 1]!; t++) total[coefRule[t]!]! += coefVal[t]!;
      } else replace(h, hs, a);
      tabu.set(p * C + a, steps + TENURE);
      if (h >= 0) tabu.set(h * C + b, steps + TENURE);
      viol[p] = violation(p);
      if (h >= 0) viol[h] = violation(h);
    }
    if (best > -EPS) {
      // A local minimum: what this paper breaks weighs more from now on (breakout).
      for (let r = 0; r < R; r++) if (exc(r, sums[p * R + r]!) > 0) weight[p * R + r]! += 1;
      if (conflicts(p) > 0) enemyWeight[p]! += 1;
      viol[p] = violation(p);
    }
    refreshOpen();
  }
  const papers: number[][] = [];
  for (let p = 0; p < k; p++) {
    const paper = new Array<number>(C).fill(0);
    for (let i = 0; i < S; i++) paper[slots[p * S + i]!]! += 1;
    papers.push(paper);
  }
  return { papers, steps };
}
