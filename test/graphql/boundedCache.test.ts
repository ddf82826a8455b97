import { BoundedCache } from '../../src/graphql/boundedCache';

describe('BoundedCache (the jit executor compiled-operation cache)', () => {
  it('never holds more entries than its capacity, however many distinct keys arrive', () => {
    const cache = new BoundedCache<string, number>(3);
    for (let i = 0; i < 1000; i += 1) cache.set(`document-${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get('document-999')).toBe(999);
    expect(cache.get('document-0')).toBeUndefined();
  });

  it('drops the least recently used entry, keeping one that was just read', () => {
    const cache = new BoundedCache<string, string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('keeps a stored null (an operation jit cannot compile) as a hit', () => {
    const cache = new BoundedCache<string, null>(1);
    cache.set('x', null);
    expect(cache.get('x')).toBeNull();
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});

describe('BoundedCache with a capacity of one', () => {
  it('keeps the entry just added, even when the one it replaces was read', () => {
    const cache = new BoundedCache<string, string>(1);
    cache.set('old', 'O');
    expect(cache.get('old')).toBe('O');
    cache.set('new', 'N');
    expect(cache.size).toBe(1);
    expect(cache.get('new')).toBe('N');
    expect(cache.get('old')).toBeUndefined();
  });
});
