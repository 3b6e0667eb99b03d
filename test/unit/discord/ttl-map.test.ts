import { describe, expect, it } from 'vitest';
import { TtlMap } from '../../../src/bots/discord/ttl-map.ts';

describe('TtlMap', () => {
  it('forgets entries after their time and stays bounded', () => {
    let now = 0;
    const map = new TtlMap<string, number>({ ttlMs: 10, maxEntries: 2, now: () => now });
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe(2);
    now = 10;
    expect(map.get('c')).toBeUndefined();
  });
});
