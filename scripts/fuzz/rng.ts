// A small seeded PRNG (mulberry32). Each fuzz case gets its own generator derived from the run's
// seed and the case number, so any case can be replayed alone: `--seed S --case K`.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for case `index` of the run with `seed` (and a stream, so that sides differ). */
  static forCase(seed: number, index: number, stream = 0): Rng {
    // Each input is mixed in on its own: xor-ing them first made seed 1 case 6 equal seed 2 case 5.
    let h = mix(seed ^ 0x9e3779b9);
    h = mix((h + Math.imul(index + 1, 0x632be5ab)) >>> 0);
    h = mix((h + Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
    return new Rng(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** murmur3's finalizer: every input bit affects every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
