import { describe, expect, it } from 'vitest';
import { CustomIds } from '../../../src/bots/discord/custom-ids.ts';
import { TtlMap } from '../../../src/bots/discord/ttl-map.ts';

describe('CustomIds', () => {
  it('round-trips short and long values within 100 characters', () => {
    const ids = new CustomIds();
    const short = ids.button('run.confirm', 'abc123');
    expect(short).toBe('b|run.confirm|abc123');
    expect(ids.parseButton(short)).toEqual({ action: 'run.confirm', value: 'abc123' });
    const longValue = `${'n'.repeat(150)}|with separators`;
    const long = ids.button('benchmark.run', longValue);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(ids.parseButton(long)).toEqual({ action: 'benchmark.run', value: longValue });
    expect(ids.parseButton('b|x|~unknown')).toBeUndefined();
    expect(ids.parseButton('something else')).toBeUndefined();
    expect(ids.parseForm(ids.form('k1'))).toBe('k1');
    expect(ids.parseForm(short)).toBeUndefined();
  });
});

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
