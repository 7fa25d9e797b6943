import { expect } from '@open-wc/testing';
import { ByteLruCache } from '../../../src/core/tiles/cache.js';

describe('byte-bounded LRU cache (core)', () => {
  it('evicts the least recently used entries, get counts as use', () => {
    const evicted: string[] = [];
    const cache = new ByteLruCache<string>(100, { onEvict: (key) => evicted.push(key) });
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).to.equal('A'); // now b is the oldest
    cache.set('c', 'C', 40);
    expect(evicted).to.deep.equal(['b']);
    expect(cache.keys()).to.deep.equal(['a', 'c']);
    expect(cache.bytes).to.equal(80);
    expect(cache.evictions).to.equal(1);
    // Replacing a key updates its size.
    cache.set('a', 'A2', 10);
    expect(cache.bytes).to.equal(50);
    expect(cache.size).to.equal(2);
  });

  it('does not store an entry larger than the budget', () => {
    const cache = new ByteLruCache<number>(10);
    cache.set('small', 1, 5);
    expect(cache.set('huge', 2, 11)).to.equal(false);
    expect(cache.has('huge')).to.equal(false);
    expect(cache.get('small')).to.equal(1);
    expect(() => cache.set('bad', 3, -1)).to.throw(RangeError);
  });

  it('never exceeds its byte budget under random inserts', () => {
    const budget = 64 * 1024;
    const sizes = new Map<string, number>();
    const cache = new ByteLruCache<number>(budget, { onEvict: (key) => sizes.delete(key) });
    let seed = 42;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 5000; i++) {
      const key = `k${Math.floor(random() * 300)}`;
      if (random() < 0.3) cache.get(key);
      else {
        const bytes = Math.floor(random() * 20000);
        cache.set(key, i, bytes);
        sizes.set(key, bytes);
      }
      expect(cache.bytes).to.be.at.most(budget);
    }
    // The byte count is the sum of what is stored.
    let sum = 0;
    for (const key of cache.keys()) sum += sizes.get(key) ?? NaN;
    expect(cache.bytes).to.equal(sum);
    expect(cache.evictions).to.be.greaterThan(0);
  });
});
