/**
 * A small seeded generator (sfc32) for the bulk of the seed: a million calls need tens of millions
 * of draws, and faker's Mersenne Twister behind its helpers costs several times more per draw.
 * Seeded from faker, so one MOCK_SEED still decides everything.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An index drawn by cumulative weights (ascending running sums). */
  weightedIndex(cumulative: readonly number[]): number {
    const r = this.next() * (cumulative[cumulative.length - 1] ?? 1);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A version 4 UUID, written into a reused buffer so the string is flat (half the memory). */
  uuid(): string {
    const out = this.uuidBuffer;
    let at = 0;
    for (let word = 0; word < 4; word++) {
      let bits = Math.floor(this.next() * 4294967296);
      if (word === 1) bits = (bits & 0xffff0fff) | 0x00004000; // version 4
      if (word === 2) bits = (bits & 0x3fffffff) | 0x80000000; // RFC 4122 variant
      for (let shift = 28; shift >= 0; shift -= 4) {
        if (at === 8 || at === 13 || at === 18 || at === 23) out[at++] = 45; // '-'
        out[at++] = HEX[(bits >>> shift) & 15] as number;
      }
    }
    return out.toString('latin1');
  }

  private readonly uuidBuffer = Buffer.alloc(36);
}

const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/** Running sums of weights, for Random.weightedIndex. */
export function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
