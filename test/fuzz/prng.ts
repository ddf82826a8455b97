/**
 * A small seeded PRNG (mulberry32) and generators for the fuzz suite: every run with the same seed sends the same
 * documents, so a failure names its seed and case and can be replayed.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A string of `length` characters drawn from ASCII, Latin, CJK, emoji (surrogate pairs), controls and RTL marks. */
  string(length: number): string {
    const pools = [
      () => String.fromCharCode(this.int(0x20, 0x7e)),
      () => String.fromCharCode(this.int(0xa0, 0x24f)),
      () => String.fromCharCode(this.int(0x4e00, 0x4fff)),
      () => String.fromCodePoint(this.int(0x1f600, 0x1f64f)),
      () => String.fromCharCode(this.int(0, 0x1f)),
      () => this.pick(['\u202e', '\u200b', '\ufeff', '"', '\\', '\u2028', '\u0000', '%', '/', '..']),
    ];
    let out = '';
    while (out.length < length) out += this.pick(pools)();
    return out;
  }
}

/** Keys that try to pollute prototypes when code copies objects carelessly. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', '', ' ', 'ключ', '🔑', 'a.b', '$where'];

/** A random JSON value at most `depth` levels deep, with hostile keys mixed into its objects. */
export function jsonValue(random: Random, depth: number): unknown {
  const kind = depth <= 0 ? random.int(0, 3) : random.int(0, 5);
  switch (kind) {
    case 0:
      return random.string(random.int(0, 20));
    case 1:
      return random.chance(0.5) ? random.int(-1e6, 1e6) : random.next() * 1e12;
    case 2:
      return random.chance(0.5);
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.int(0, 4) }, () => jsonValue(random, depth - 1));
    default:
      return jsonObject(random, depth - 1);
  }
}

/**
 * A JSON object as TEXT, so that keys such as `__proto__` are real own keys (an object literal would set the
 * prototype instead). Returned with the parsed value, which JSON.parse builds with the same own keys.
 */
export function jsonObjectText(random: Random, depth: number): string {
  const entries: string[] = [];
  const count = random.int(0, 5);
  for (let i = 0; i < count; i += 1) {
    const key = random.chance(0.5) ? random.pick(HOSTILE_KEYS) : random.string(random.int(1, 8));
    const value =
      depth > 0 && random.chance(0.3) ? jsonObjectText(random, depth - 1) : JSON.stringify(jsonValue(random, 1));
    entries.push(`${JSON.stringify(key)}:${value}`);
  }
  return `{${entries.join(',')}}`;
}

function jsonObject(random: Random, depth: number): unknown {
  return JSON.parse(jsonObjectText(random, depth)) as unknown;
}
