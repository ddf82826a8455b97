/**
 * A map holding at most `capacity` entries, dropping one that has not been read lately beyond it ("second chance",
 * an approximation of least-recently-used). A hit only marks its entry: moving it to the end of the Map on every read
 * (delete, then set) cost two hashings of the key per request on the hot path, and the keys are long (bench/RESULTS.md).
 * Making room walks the Map from its oldest entry: a marked one loses its mark and goes to the end, the first
 * unmarked one is dropped, so each entry is moved at most once per eviction round.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; used: boolean }>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('BoundedCache needs a capacity of at least 1.');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    const known = this.entries.get(key);
    if (known) {
      known.value = value;
      known.used = true;
      return;
    }
    this.entries.set(key, { value, used: false });
    while (this.entries.size > this.capacity) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [K, { value: V; used: boolean }];
      this.entries.delete(oldestKey);
      // A marked entry gets its second chance; the entry just added is never the one dropped to make room for itself.
      if (oldest.used || oldestKey === key) {
        oldest.used = false;
        this.entries.set(oldestKey, oldest);
      }
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
