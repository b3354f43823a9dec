import { hashString, seededRandom, shuffled } from "../random.js";
import type { ClassifiedBank } from "./classes.js";

/**
 * What is left of each class as forms take questions: each class hands out its members in an order
 * fixed by the seed, so the same seed always picks the same questions.
 */
export class Stock {
  private readonly orders: (string[] | undefined)[];
  private readonly taken: number[];

  constructor(
    private readonly bank: ClassifiedBank,
    private readonly seed: number,
  ) {
    this.orders = bank.classes.map(() => undefined);
    this.taken = bank.classes.map(() => 0);
  }

  available(classIndex: number): number {
    return this.bank.classes[classIndex]!.members.length - this.taken[classIndex]!;
  }

  availability(): number[] {
    return this.bank.classes.map((_, i) => this.available(i));
  }

  take(classIndex: number, n: number): string[] {
    let order = this.orders[classIndex];
    if (!order) {
      const c = this.bank.classes[classIndex]!;
      order = shuffled(c.members, seededRandom(this.seed ^ hashString(c.key)));
      this.orders[classIndex] = order;
    }
    const start = this.taken[classIndex]!;
    if (start + n > order.length) throw new Error(`class ${classIndex} has ${order.length - start} questions left, ${n} asked`);
    this.taken[classIndex] = start + n;
    return order.slice(start, start + n);
  }
}
