import type { PartitionInput } from "./partition.js";

/** Odd multipliers for the subsets' linear hash, one a row (cycled, with an offset, past eight rows). */
const ROW_MULTIPLIERS_1 = [0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646d, 0xfd7046c5, 0xb55a4f09, 0x9e3779b9];
const ROW_MULTIPLIERS_2 = [0x68e31da5, 0x1b873593, 0xcc9e2d51, 0xe6546b65, 0x85ebca6b, 0x4cf5ad43, 0x2d358dcd, 0x7a646e4d];

const EPS = 1e-9;
/** Papers a question is offered to when dealing, at most. */
const DEAL_CANDIDATES = 24;
/** Weight of staying near the average against breaking a rule, when dealing. */
const BALANCE = 0.5;
/** Weight, when dealing, of keeping what the paper's sections still to be dealt can reach within each rule. */
const REACH = 4;

/**
 * The papers of a partition search: which question (class) sits in each slot of each paper, what is
 * left over, every rule's sum on every paper, and the weighted breakage. Slots are laid out by section
 * (the same for every paper), so a swap keeps every paper's section counts, and the sets of slots an
 * exchange takes (in slot order) are in section order.
 */
export class PartitionState {
  readonly k: number;
  readonly C: number;
  readonly R: number;
  /** Slots a paper has: one per question. */
  readonly S: number;
  readonly slots: Int32Array;
  readonly slotSection: Int32Array;
  /** [first, end) slot of each section. */
  readonly sectionSlots: [number, number][];
  /** Classes of each section with questions available. */
  readonly pools: number[][];
  readonly free: Int32Array;
  readonly sums: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Weighted breakage of each paper. */
  readonly violation: Float64Array;
  /** Exact rules (min = max) a swap in one section can change: what an exchange matches. */
  readonly exactRows: number[];
  private readonly weight: Float64Array;
  private readonly enemyWeight: Float64Array;
  private readonly total: Float64Array;
  private readonly coefStart: Int32Array;
  private readonly coefRule: Int32Array;
  private readonly coefVal: Float64Array;
  private readonly columns: Float64Array[];
  private readonly enemies: number[][];
  /** Questions of each enemy class in each paper (enemy classes numbered compactly). */
  private readonly enemyIndex: Int32Array;
  private readonly enemyCount: Uint16Array;
  private readonly E: number;
  private readonly tmp: Float64Array;
  private readonly mark: Int32Array;
  private readonly touched: Int32Array;
  private nTouched = 0;
  private stamp = 0;

  constructor(private readonly input: PartitionInput) {
    const { bank } = input;
    this.k = input.papers;
    this.C = bank.classes.length;
    const columns = input.rules.map((r) => input.coefficients.column(r));
    const bounds = input.rules.map((r) => [r.min ?? -Infinity, r.max ?? Infinity] as const);
    if (bank.classes.some((c) => c.reused)) {
      columns.push(Float64Array.from(bank.classes, (c) => (c.reused ? 1 : 0)));
      bounds.push([-Infinity, input.maxReused]);
    }
    this.columns = columns;
    this.R = columns.length;
    this.lo = Float64Array.from(bounds, (b) => b[0]);
    this.hi = Float64Array.from(bounds, (b) => b[1]);
    this.coefStart = new Int32Array(this.C + 1);
    const rules: number[] = [];
    const values: number[] = [];
    for (let c = 0; c < this.C; c++) {
      this.coefStart[c] = rules.length;
      for (let r = 0; r < this.R; r++) {
        const v = columns[r]![c]!;
        if (v !== 0) {
          rules.push(r);
          values.push(v);
        }
      }
    }
    this.coefStart[this.C] = rules.length;
    this.coefRule = Int32Array.from(rules);
    this.coefVal = Float64Array.from(values);

    this.enemies = Array.from({ length: this.C }, () => []);
    for (const [a, b] of bank.enemyPairs) {
      this.enemies[a]!.push(b);
      this.enemies[b]!.push(a);
    }
    this.enemyIndex = new Int32Array(this.C).fill(-1);
    let E = 0;
    this.enemies.forEach((list, c) => {
      if (list.length) this.enemyIndex[c] = E++;
    });
    this.E = E;
    this.enemyCount = new Uint16Array(this.k * E);

    const slotSection: number[] = [];
    this.sectionSlots = input.sectionCounts.map((n, s) => {
      const first = slotSection.length;
      for (let i = 0; i < n; i++) slotSection.push(s);
      return [first, slotSection.length];
    });
    this.slotSection = Int32Array.from(slotSection);
    this.S = slotSection.length;
    this.pools = input.sectionCounts.map(() => []);
    bank.classes.forEach((c, i) => {
      if (input.available[i]! > 0) this.pools[c.sectionIndex]!.push(i);
    });
    // Rules every question of a section adds the same to (section counts, total points) never change.
    this.exactRows = [];
    for (let r = 0; r < this.R; r++) {
      if (this.lo[r] !== this.hi[r]) continue;
      if (this.pools.some((pool) => pool.some((c) => columns[r]![c] !== columns[r]![pool[0]!]))) this.exactRows.push(r);
    }

    this.slots = new Int32Array(this.k * this.S);
    this.free = Int32Array.from(input.available);
    this.sums = new Float64Array(this.k * this.R);
    // Every rule weighs 1 at first; a paper that gets stuck weighs what it breaks more (breakout).
    this.weight = new Float64Array(this.k * this.R).fill(1);
    this.enemyWeight = new Float64Array(this.k).fill(1);
    this.total = new Float64Array(this.R);
    this.violation = new Float64Array(this.k);
    this.tmp = new Float64Array(this.R);
    this.mark = new Int32Array(this.R);
    this.touched = new Int32Array(this.R);
    this.needRule = new Int32Array(this.R);
    this.needDirection = new Float64Array(this.R);
  }

  /**
   * Deals the aggregate's questions, the sections with the most points a question first: each question
   * (in a seeded order) goes to the paper, among those with room in its section (a sample of them on a
   * large run), whose projection breaks the rules least and stays nearest the papers' average. A paper's
   * projection is its sums plus, for each empty slot, the mean its section's questions add; the average
   * paper meets every rule (the aggregate does, k times over). False when the aggregate does not fill
   * every paper's sections exactly.
   */
  deal(random: () => number): boolean {
    const { used } = this.input;
    const sections = this.sectionSlots.length;
    const items: number[][] = this.pools.map((pool) => pool.flatMap((c) => new Array<number>(used[c]!).fill(c)));
    if (items.some((list, s) => list.length !== this.sectionWidth(s) * this.k)) return false;
    const mean = items.map((list) => Float64Array.from({ length: this.R }, (_, r) => list.reduce((t, c) => t + this.columns[r]![c]!, 0) / Math.max(1, list.length)));
    const average = Float64Array.from({ length: this.R }, (_, r) => mean.reduce((t, m, s) => t + m[r]! * this.sectionWidth(s), 0));
    // The rules a section's questions can move: the only ones a placement there changes.
    const active = items.map((list) => {
      const classes = [...new Set(list)];
      return [...Array(this.R).keys()].filter((r) => classes.some((c) => this.columns[r]![c] !== 0));
    });
    const projection = new Float64Array(this.k * this.R);
    for (let p = 0; p < this.k; p++) projection.set(average, p * this.R);
    // What a paper's empty slots can still add to each rule, at least and at most.
    const least = items.map((list) => Float64Array.from({ length: this.R }, (_, r) => list.reduce((m, c) => Math.min(m, this.columns[r]![c]!), Infinity)));
    const most = items.map((list) => Float64Array.from({ length: this.R }, (_, r) => list.reduce((m, c) => Math.max(m, this.columns[r]![c]!), -Infinity)));
    const reachLo = new Float64Array(this.k * this.R);
    const reachHi = new Float64Array(this.k * this.R);
    for (let s = 0; s < sections; s++) {
      if (!items[s]!.length) continue;
      for (let p = 0; p < this.k; p++) {
        for (const r of active[s]!) {
          reachLo[p * this.R + r]! += this.sectionWidth(s) * least[s]![r]!;
          reachHi[p * this.R + r]! += this.sectionWidth(s) * most[s]![r]!;
        }
      }
    }
    const distance = (r: number, sum: number, lo: number, hi: number) => Math.max(0, sum + lo - this.hi[r]!, this.lo[r]! - (sum + hi));
    const order = [...Array(sections).keys()].sort((a, b) => this.pointsOf(b) - this.pointsOf(a) || a - b);
    const filled = new Int32Array(this.k * sections);
    for (const s of order) {
      const first = this.sectionSlots[s]![0];
      const width = this.sectionWidth(s);
      const open = [...Array(this.k).keys()];
      for (const c of shuffled(items[s]!, random)) {
        const candidates = open.length <= DEAL_CANDIDATES ? open : Array.from({ length: DEAL_CANDIDATES }, () => open[Math.floor(random() * open.length)]!);
        let best = -1;
        let bestCost = Infinity;
        let ties = 0;
        for (const p of candidates) {
          let cost = 0;
          for (const r of active[s]!) {
            const i = p * this.R + r;
            const now = projection[i]!;
            const next = now + this.columns[r]![c]! - mean[s]![r]!;
            cost += this.excess(r, next) - this.excess(r, now) + BALANCE * (Math.abs(next - average[r]!) - Math.abs(now - average[r]!));
            const sum = this.sums[i]!;
            cost += REACH * (distance(r, sum + this.columns[r]![c]!, reachLo[i]! - least[s]![r]!, reachHi[i]! - most[s]![r]!) - distance(r, sum, reachLo[i]!, reachHi[i]!));
          }
          for (const e of this.enemies[c]!) cost += this.present(p, e);
          if (cost < bestCost - EPS) {
            best = p;
            bestCost = cost;
            ties = 1;
          } else if (cost <= bestCost + EPS && random() * ++ties < 1) best = p;
        }
        this.place(best, first + filled[best * sections + s]!++, c);
        this.free[c]! -= 1;
        for (const r of active[s]!) {
          projection[best * this.R + r]! += this.columns[r]![c]! - mean[s]![r]!;
          reachLo[best * this.R + r]! -= least[s]![r]!;
          reachHi[best * this.R + r]! -= most[s]![r]!;
        }
        if (filled[best * sections + s] === width) open.splice(open.indexOf(best), 1);
      }
    }
    for (let p = 0; p < this.k; p++) this.violation[p] = this.measure(p);
    for (let p = 0; p < this.k; p++) for (let r = 0; r < this.R; r++) this.total[r]! += this.sums[p * this.R + r]!;
    return true;
  }

  private sectionWidth(s: number): number {
    return this.sectionSlots[s]![1] - this.sectionSlots[s]![0];
  }

  private pointsOf(s: number): number {
    const c = this.pools[s]![0];
    return c === undefined ? 0 : this.input.bank.classes[c]!.section.points_each;
  }

  private place(p: number, slot: number, c: number): void {
    this.slots[p * this.S + slot] = c;
    this.add(p, c, 1);
  }

  private add(p: number, c: number, sign: number): void {
    const base = p * this.R;
    for (let t = this.coefStart[c]!; t < this.coefStart[c + 1]!; t++) this.sums[base + this.coefRule[t]!]! += sign * this.coefVal[t]!;
    const e = this.enemyIndex[c]!;
    if (e >= 0) this.enemyCount[p * this.E + e]! += sign;
  }

  private excess(r: number, s: number): number {
    return s < this.lo[r]! - EPS ? this.lo[r]! - s : s > this.hi[r]! + EPS ? s - this.hi[r]! : 0;
  }

  private aggregateExcess(r: number, s: number): number {
    const lo = this.lo[r]! * this.k;
    const hi = this.hi[r]! * this.k;
    return s < lo - EPS ? lo - s : s > hi + EPS ? s - hi : 0;
  }

  private present(p: number, c: number): number {
    const e = this.enemyIndex[c]!;
    return e < 0 ? 0 : this.enemyCount[p * this.E + e]!;
  }

  private conflicts(p: number): number {
    if (!this.E) return 0;
    let n = 0;
    for (let i = 0; i < this.S; i++) for (const e of this.enemies[this.slots[p * this.S + i]!]!) n += this.present(p, e);
    return n / 2;
  }

  private measure(p: number): number {
    let v = 0;
    for (let r = 0; r < this.R; r++) {
      const e = this.excess(r, this.sums[p * this.R + r]!);
      if (e > 0) v += e * this.weight[p * this.R + r]!;
    }
    return v + this.conflicts(p) * this.enemyWeight[p]!;
  }

  openPapers(): number[] {
    const open: number[] = [];
    for (let p = 0; p < this.k; p++) if (this.violation[p]! > EPS) open.push(p);
    return open;
  }

  /** A hash of how far p is off each exact rule (times `sign`). */
  deviationKey(p: number, sign: number): number {
    let h = 0x811c9dc5;
    for (const r of this.exactRows) h = Math.imul(h ^ Math.round(sign * (this.sums[p * this.R + r]! - this.lo[r]!) * 1000), 16777619);
    return h >>> 0;
  }

  /** Does p break an exact rule? */
  breaksExact(p: number): boolean {
    return this.exactRows.some((r) => this.excess(r, this.sums[p * this.R + r]!) > 0);
  }

  private readonly needRule: Int32Array;
  private readonly needDirection: Float64Array;
  private nNeeds = 0;
  private needsParting = false;

  /** Notes the rules p breaks and which way each must move, for `helps`. */
  prepareNeeds(p: number): void {
    this.nNeeds = 0;
    for (let r = 0; r < this.R; r++) {
      const s = this.sums[p * this.R + r]!;
      if (this.excess(r, s) === 0) continue;
      this.needRule[this.nNeeds] = r;
      this.needDirection[this.nNeeds++] = s < this.lo[r]! ? 1 : -1;
    }
    this.needsParting = this.conflicts(p) > 0;
  }

  /** Does replacing a by b move a rule the prepared paper breaks the right way, or part enemies? */
  helps(a: number, b: number): boolean {
    for (let i = 0; i < this.nNeeds; i++) {
      const column = this.columns[this.needRule[i]!]!;
      if ((column[b]! - column[a]!) * this.needDirection[i]! > EPS) return true;
    }
    return this.needsParting && this.enemyIndex[a]! >= 0;
  }

  /** What this paper breaks weighs more from now on. */
  breakout(p: number): void {
    for (let r = 0; r < this.R; r++) if (this.excess(r, this.sums[p * this.R + r]!) > 0) this.weight[p * this.R + r]! += 1;
    if (this.conflicts(p) > 0) this.enemyWeight[p]! += 1;
    this.violation[p] = this.measure(p);
  }

  private collect(c: number, sign: number): void {
    for (let t = this.coefStart[c]!; t < this.coefStart[c + 1]!; t++) {
      const r = this.coefRule[t]!;
      if (this.mark[r] === this.stamp) this.tmp[r]! += sign * this.coefVal[t]!;
      else {
        this.tmp[r] = sign * this.coefVal[t]!;
        this.mark[r] = this.stamp;
        this.touched[this.nTouched++] = r;
      }
    }
  }

  private weighted(p: number): number {
    let d = 0;
    const base = p * this.R;
    for (let i = 0; i < this.nTouched; i++) {
      const r = this.touched[i]!;
      const t = this.tmp[r]!;
      if (t > -EPS && t < EPS) continue;
      const s = this.sums[base + r]!;
      d += this.weight[base + r]! * (this.excess(r, s + t) - this.excess(r, s));
    }
    return d;
  }

  /** Change of p's weighted breakage when one question of class a is replaced by one of class b. */
  delta(p: number, a: number, b: number): number {
    this.stamp++;
    this.nTouched = 0;
    this.collect(a, -1);
    this.collect(b, 1);
    let d = this.weighted(p);
    if (this.enemyIndex[a]! >= 0 || this.enemyIndex[b]! >= 0) {
      let e = 0;
      for (const x of this.enemies[a]!) e -= this.present(p, x);
      for (const x of this.enemies[b]!) if (x !== a) e += this.present(p, x);
      d += e * this.enemyWeight[p]!;
    }
    return d;
  }

  /** Change of the papers' total's breakage (against k times each rule) for the swap `delta` just measured. */
  aggregateDelta(): number {
    let g = 0;
    for (let i = 0; i < this.nTouched; i++) {
      const r = this.touched[i]!;
      const t = this.tmp[r]!;
      if (t > -EPS && t < EPS) continue;
      g += this.aggregateExcess(r, this.total[r]! + t) - this.aggregateExcess(r, this.total[r]!);
    }
    return g;
  }

  swapWithPool(p: number, slot: number, b: number): void {
    const a = this.slots[p * this.S + slot]!;
    this.add(p, a, -1);
    this.place(p, slot, b);
    this.free[a]! += 1;
    this.free[b]! -= 1;
    for (let t = this.coefStart[a]!; t < this.coefStart[a + 1]!; t++) this.total[this.coefRule[t]!]! -= this.coefVal[t]!;
    for (let t = this.coefStart[b]!; t < this.coefStart[b + 1]!; t++) this.total[this.coefRule[t]!]! += this.coefVal[t]!;
    this.violation[p] = this.measure(p);
  }

  swapBetween(p: number, slot: number, h: number, holderSlot: number): void {
    const a = this.slots[p * this.S + slot]!;
    const b = this.slots[h * this.S + holderSlot]!;
    this.add(p, a, -1);
    this.add(h, b, -1);
    this.place(p, slot, b);
    this.place(h, holderSlot, a);
    this.violation[p] = this.measure(p);
    this.violation[h] = this.measure(h);
  }

  /**
   * Every set of one to three of p's slots with a key: its size, sections and sums over the exact rows
   * plus `shift`, hashed to one number (a collision only costs an exchange that does not fit, which its
   * measured change then turns down). Sets are packed as i | j << 8 | l << 16, 255 for none.
   *
   * The hash is linear (two lanes of sum of value × a fixed odd multiplier per row, mod 2^32), so a set's
   * is the sum of its slots' and each slot's is computed once: a paper of 30 questions has 4,525 such
   * sets, and hashing each over every row was most of the search's time. Values are counted in
   * thousandths, as whole numbers: the sums match exactly when the sets' sums do.
   */
  subsets(p: number, shift: readonly number[] | undefined, visit: (key: number, set: number) => void): void {
    const rows = this.exactRows;
    const sec = this.slotSection;
    const lane1 = new Int32Array(this.S);
    const lane2 = new Int32Array(this.S);
    for (let i = 0; i < this.S; i++) {
      const c = this.slots[p * this.S + i]!;
      let h1 = Math.imul(sec[i]! + 2, 0x9e3779b1);
      let h2 = Math.imul(sec[i]! + 2, 0x7feb352d);
      for (let j = 0; j < rows.length; j++) {
        const w = Math.round(this.columns[rows[j]!]![c]! * 1000);
        h1 = (h1 + Math.imul(w, ROW_MULTIPLIERS_1[j % ROW_MULTIPLIERS_1.length]! + 2 * j)) | 0;
        h2 = (h2 + Math.imul(w, ROW_MULTIPLIERS_2[j % ROW_MULTIPLIERS_2.length]! + 2 * j)) | 0;
      }
      lane1[i] = h1;
      lane2[i] = h2;
    }
    let shift1 = 0;
    let shift2 = 0;
    if (shift) {
      for (let j = 0; j < rows.length; j++) {
        const w = Math.round(shift[j]! * 1000);
        shift1 = (shift1 + Math.imul(w, ROW_MULTIPLIERS_1[j % ROW_MULTIPLIERS_1.length]! + 2 * j)) | 0;
        shift2 = (shift2 + Math.imul(w, ROW_MULTIPLIERS_2[j % ROW_MULTIPLIERS_2.length]! + 2 * j)) | 0;
      }
    }
    const key = (h1: number, h2: number, size: number) => {
      const k1 = (h1 + shift1 + Math.imul(size, 0x632be5ab)) | 0;
      const k2 = (h2 + shift2 + Math.imul(size, 0x2545f491)) | 0;
      return (k1 >>> 0) * 2097152 + ((k2 >>> 0) & 0x1fffff);
    };
    for (let a = 0; a < this.S; a++) {
      const a1 = lane1[a]!;
      const a2 = lane2[a]!;
      visit(key(a1, a2, 1), a | 0xffff00);
      for (let b = a + 1; b < this.S; b++) {
        const b1 = (a1 + lane1[b]!) | 0;
        const b2 = (a2 + lane2[b]!) | 0;
        visit(key(b1, b2, 2), a | (b << 8) | 0xff0000);
        for (let c = b + 1; c < this.S; c++) visit(key((b1 + lane1[c]!) | 0, (b2 + lane2[c]!) | 0, 3), a | (b << 8) | (c << 16));
      }
    }
  }

  /** Change of the two papers' weighted breakage when p's slots xs and q's slots ys (n each) trade questions. */
  exchangeDelta(p: number, xs: readonly number[], q: number, ys: readonly number[], n: number): number {
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < n; i++) {
      from.push(this.slots[p * this.S + xs[i]!]!);
      to.push(this.slots[q * this.S + ys[i]!]!);
    }
    for (let i = 0; i < n; i++) if (from[i] === to[i]) return Infinity;
    return this.manyDelta(p, from, to) + this.manyDelta(q, to, from);
  }

  private manyDelta(p: number, out: readonly number[], inn: readonly number[]): number {
    this.stamp++;
    this.nTouched = 0;
    for (const c of out) this.collect(c, -1);
    for (const c of inn) this.collect(c, 1);
    let d = this.weighted(p);
    if (this.E && (out.some((c) => this.enemyIndex[c]! >= 0) || inn.some((c) => this.enemyIndex[c]! >= 0))) d += this.enemyChange(p, out, inn) * this.enemyWeight[p]!;
    return d;
  }

  /** Change in the enemy pairs p holds when `out` leave and `inn` come in (a few classes each). */
  private enemyChange(p: number, out: readonly number[], inn: readonly number[]): number {
    const after = (c: number) => {
      let n = this.present(p, c);
      for (const x of out) if (x === c) n--;
      for (const x of inn) if (x === c) n++;
      return n;
    };
    const changed = (c: number) => out.includes(c) || inn.includes(c);
    let change = 0;
    const visit = (c: number, list: readonly number[], index: number) => {
      if (this.enemyIndex[c]! < 0 || list.indexOf(c) !== index || (list === inn && out.includes(c))) return;
      for (const e of this.enemies[c]!) {
        if (e < c && changed(e)) continue;
        change += after(c) * after(e) - this.present(p, c) * this.present(p, e);
      }
    };
    out.forEach((c, i) => visit(c, out, i));
    inn.forEach((c, i) => visit(c, inn, i));
    return change;
  }

  exchange(p: number, xs: readonly number[], q: number, ys: readonly number[], n: number): void {
    for (let i = 0; i < n; i++) {
      const a = this.slots[p * this.S + xs[i]!]!;
      const b = this.slots[q * this.S + ys[i]!]!;
      this.add(p, a, -1);
      this.add(q, b, -1);
      this.place(p, xs[i]!, b);
      this.place(q, ys[i]!, a);
    }
    this.violation[p] = this.measure(p);
    this.violation[q] = this.measure(q);
  }

  /** Class counts of each paper. */
  papers(): number[][] {
    const out: number[][] = [];
    for (let p = 0; p < this.k; p++) {
      const paper = new Array<number>(this.C).fill(0);
      for (let i = 0; i < this.S; i++) paper[this.slots[p * this.S + i]!]! += 1;
      out.push(paper);
    }
    return out;
  }
}

/** A copy in a seeded order. */
function shuffled(list: readonly number[], random: () => number): number[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
