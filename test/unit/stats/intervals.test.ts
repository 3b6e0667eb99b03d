import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, pairedBootstrap } from '../../../src/core/stats/bootstrap.ts';
import { percentile } from '../../../src/core/stats/percentile.ts';
import { createRandom } from '../../../src/core/stats/rng.ts';
import { wilsonInterval } from '../../../src/core/stats/wilson.ts';

describe('wilsonInterval', () => {
  it('matches the hand-computed 95% interval for 8 of 10', () => {
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });

  it('stays inside [0, 1] at the extremes and knows nothing without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    const none = wilsonInterval(0, 20);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.1611, 4);
    const all = wilsonInterval(20, 20);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.8389, 4);
  });

  it('narrows as n grows at a fixed rate', () => {
    for (const rate of [0.1, 0.3, 0.5, 0.8, 0.95]) {
      let previous = Number.POSITIVE_INFINITY;
      for (let n = 20; n <= 20_480; n *= 2) {
        const { low, high } = wilsonInterval(Math.round(rate * n), n);
        expect(high - low).toBeLessThan(previous);
        expect(low).toBeLessThanOrEqual(rate);
        expect(high).toBeGreaterThanOrEqual(rate);
        previous = high - low;
      }
    }
  });
});

describe('percentile', () => {
  it('interpolates linearly between ranks', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.95)).toBe(48);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('bootstrapMeanInterval', () => {
  it('contains the sample mean for random data sets and is reproducible with a seed', () => {
    const random = createRandom(42);
    for (let trial = 0; trial < 50; trial++) {
      const n = 5 + Math.floor(random() * 200);
      const values = Array.from({ length: n }, () => random());
      const mean = values.reduce((s, v) => s + v, 0) / n;
      const interval = bootstrapMeanInterval(values, { seed: trial, iterations: 500 });
      expect(interval.low).toBeLessThanOrEqual(mean);
      expect(interval.high).toBeGreaterThanOrEqual(mean);
      expect(bootstrapMeanInterval(values, { seed: trial, iterations: 500 })).toEqual(interval);
    }
  });

  it('collapses to a point for constant data and roughly matches the normal interval otherwise', () => {
    expect(bootstrapMeanInterval([0.5, 0.5, 0.5])).toEqual({ low: 0.5, high: 0.5 });
    // 400 coin flips at rate 0.5: the standard error is 0.025, so the 95% interval is about ±0.049.
    const values = Array.from({ length: 400 }, (_, i) => i % 2);
    const { low, high } = bootstrapMeanInterval(values, { iterations: 2000 });
    expect(low).toBeGreaterThan(0.44);
    expect(low).toBeLessThan(0.46);
    expect(high).toBeGreaterThan(0.54);
    expect(high).toBeLessThan(0.56);
  });
});

describe('pairedBootstrap', () => {
  it('finds a consistent difference significant and identical models not', () => {
    const b = Array.from({ length: 100 }, (_, i) => (i % 10) / 10);
    const a = b.map((v) => Math.min(1, v + 0.2));
    const better = pairedBootstrap(a, b);
    expect(better.meanDiff).toBeCloseTo(0.19, 10);
    expect(better.low).toBeGreaterThan(0);
    expect(better.p).toBeLessThan(0.01);
    const same = pairedBootstrap(b, b);
    expect(same).toEqual({ meanDiff: 0, low: 0, high: 0, p: 1 });
  });

  it('is symmetric: swapping the models negates the difference', () => {
    const random = createRandom(7);
    const a = Array.from({ length: 60 }, () => random());
    const b = Array.from({ length: 60 }, () => random());
    const ab = pairedBootstrap(a, b, { seed: 3 });
    const ba = pairedBootstrap(b, a, { seed: 3 });
    expect(ba.meanDiff).toBeCloseTo(-ab.meanDiff, 12);
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.p).toBeCloseTo(ab.p, 12);
  });
});
