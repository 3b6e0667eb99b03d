import { describe, expect, it } from 'vitest';
import {
  ChartRequestError,
  checkFormat,
  parseBackground,
  parseChartConfig,
  parseDimension,
} from '../../../src/charts/chart-request.ts';

const minimal = { type: 'bar', data: { labels: ['a'], datasets: [{ data: [1] }] } };

describe('chart requests', () => {
  it('accept a JSON config as text or object', () => {
    expect(parseChartConfig(JSON.stringify(minimal))).toEqual(minimal);
    expect(parseChartConfig(minimal)).toBe(minimal);
  });

  it('refuse JavaScript, prototype keys, unknown types and oversized data with a message', () => {
    const cases: [unknown, RegExp][] = [
      ['{type: "bar"}', /must be JSON/],
      ['[1,2]', /JSON object/],
      [undefined, /missing/],
      [{ ...minimal, type: 'radar' }, /type must be one of/],
      [JSON.parse('{"type":"bar","data":{"datasets":[]},"__proto__":{"polluted":true}}'), /__proto__/],
      [{ type: 'bar', data: { datasets: [{ label: 'no data' }] } }, /Dataset 1 needs/],
      [
        { type: 'line', data: { labels: Array(6000).fill('x'), datasets: [{ data: Array(5000).fill(1) }] } },
        /11000 points/,
      ],
    ];
    for (const [input, message] of cases) {
      expect(() => parseChartConfig(input)).toThrow(ChartRequestError);
      expect(() => parseChartConfig(input)).toThrow(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuse configs nested absurdly deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => parseChartConfig({ ...minimal, options: { deep } })).toThrow(/nested deeper/);
  });

  it('check sizes, background colours and the format', () => {
    expect(parseDimension(undefined, 'Width', 500)).toBe(500);
    expect(parseDimension('640', 'Width', 500)).toBe(640);
    expect(() => parseDimension('99', 'Width', 500)).toThrow(/Width must be/);
    expect(() => parseDimension('2001', 'Height', 300)).toThrow(/Height must be/);
    expect(() => parseDimension('12.5', 'Width', 500)).toThrow(/whole number/);
    expect(parseBackground('transparent')).toBe('transparent');
    expect(parseBackground('#fff')).toBe('#fff');
    expect(parseBackground('rgb(10, 20, 30)')).toBe('rgb(10, 20, 30)');
    expect(() => parseBackground('url(javascript:x)')).toThrow(/Background/);
    expect(() => checkFormat('png')).not.toThrow();
    expect(() => checkFormat('svg')).toThrow(/png/);
  });
});
