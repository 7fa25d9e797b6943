/** Options of a {@link ByteLruCache}. */
export interface ByteLruCacheOptions<V> {
  /** Called for every entry that leaves the cache by eviction (not by `delete` or `clear`). */
  onEvict?: (key: string, value: V) => void;
}

interface CacheEntry<V> {
  value: V;
  bytes: number;
}

/**
 * A least-recently-used cache bounded in bytes: every entry has a size in bytes, and {@link set}
 * evicts the least recently used entries until the total is within `maxBytes`. An entry larger than
 * the whole budget is not stored. {@link get} counts as a use.
 */
export class ByteLruCache<V> {
  /** The budget in bytes; the total size of the entries never exceeds it. */
  readonly maxBytes: number;
  /** How many entries have been evicted to make room, since construction. */
  evictions = 0;
  // A Map iterates in insertion order: re-inserting on use keeps the least recent entry first.
  private readonly entries = new Map<string, CacheEntry<V>>();
  private totalBytes = 0;
  private readonly onEvict: ((key: string, value: V) => void) | undefined;

  /** A cache of at most `maxBytes` bytes (a finite number ≥ 0). */
  constructor(maxBytes: number, options: ByteLruCacheOptions<V> = {}) {
    if (!(maxBytes >= 0) || !Number.isFinite(maxBytes))
      throw new RangeError(`maxBytes must be a finite number ≥ 0, not ${maxBytes}`);
    this.maxBytes = maxBytes;
    this.onEvict = options.onEvict;
  }

  /** Total size of the entries, in bytes. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Whether `key` is cached (does not count as a use). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value for `key`, marking it as most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Stores `value` of `bytes` bytes as the most recently used entry, replacing an older value of the
   * same key, then evicts until within budget. Returns false (and stores nothing, dropping an older
   * value of the key) when `bytes` exceeds the whole budget.
   */
  set(key: string, value: V, bytes: number): boolean {
    if (!(bytes >= 0) || !Number.isFinite(bytes))
      throw new RangeError(`bytes must be a finite number ≥ 0, not ${bytes}`);
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [oldKey, entry] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.totalBytes -= entry.bytes;
      this.evictions++;
      this.onEvict?.(oldKey, entry.value);
    }
    return true;
  }

  /** Removes `key`; returns whether it was there. */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    return true;
  }

  /** Removes every entry (counters other than bytes and size are kept). */
  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** The keys from least to most recently used. */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
