import { describe, expect, it } from 'vitest';
import { costScoreChart, historyChart, latencyChart, scoresChart, tagChart } from '../../../src/charts/configs.ts';
import { PALETTE, shortLabel } from '../../../src/charts/style.ts';
import type { ModelSummary, RunSummary } from '../../../src/core/stats/summary.ts';

function model(name: string, overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    model: name,
    n: 100,
    cases: 100,
    passes: 50,
    passRate: 0.5,
    passCi: { low: 0.4, high: 0.6 },
    meanScore: 0.6,
    scoreCi: { low: 0.55, high: 0.65 },
    errors: 0,
    cached: 0,
    costUsd: 0.1,
    costPerPass: 0.002,
    latencyP50: 400,
    latencyP95: 900,
    promptTokens: 1000,
    completionTokens: 500,
    byTag: [],
    ...overrides,
  };
}

const longName = 'openrouter:anthropic/claude-sonnet-4.5-extended-thinking-preview';
const summary: RunSummary = {
  models: [
    model('demo:fast', { byTag: [{ tag: 'math', n: 10, passRate: 0.3, meanScore: 0.4 }] }),
    model(longName, {
      passRate: 0.8,
      passCi: { low: 0.7123, high: 0.8777 },
      latencyP50: null,
      latencyP95: null,
      byTag: [
        { tag: 'math', n: 10, passRate: 0.9, meanScore: 0.9 },
        { tag: 'text', n: 30, passRate: 0.7, meanScore: 0.7 },
      ],
    }),
  ],
  ranking: [longName, 'demo:fast'],
  pairwise: [],
  totals: { results: 200, errors: 0, cached: 0, costUsd: 0.2 },
};

describe('shortLabel', () => {
  it('keeps short labels and shortens long ones around an ellipsis, keeping both ends', () => {
    expect(shortLabel('demo:fast')).toBe('demo:fast');
    const short = shortLabel(longName);
    expect([...short]).toHaveLength(24);
    expect(short.startsWith('openrouter:')).toBe(true);
    expect(short.endsWith('preview')).toBe(true);
    expect(short).toContain('…');
  });
});

describe('chart configs', () => {
  it('are plain JSON: they survive a JSON round trip unchanged', () => {
    for (const config of [scoresChart(summary), costScoreChart(summary), latencyChart(summary), tagChart(summary)]) {
      expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    }
  });

  it('draw pass rates best first, one full-name dataset per model, and the CI as floating bars', () => {
    const config = scoresChart(summary);
    expect(config.data.labels).toEqual([shortLabel(longName), 'demo:fast']);
    const [first, second, ci] = config.data.datasets;
    expect(first?.label).toBe(longName);
    expect(first?.data).toEqual([80, null]);
    expect(second?.data).toEqual([null, 50]);
    expect(ci?.data).toEqual([
      [71.2, 87.8],
      [40, 60],
    ]);
    // Colours follow the run's model order, so a model keeps its colour in every chart.
    expect(first?.backgroundColor).toBe(PALETTE[1]);
    expect(second?.backgroundColor).toBe(PALETTE[0]);
  });

  it('put each model on the cost/score plane as its own labelled point', () => {
    const config = costScoreChart(summary);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['demo:fast', [{ x: 0.1, y: 50 }]],
      [longName, [{ x: 0.1, y: 80 }]],
    ]);
  });

  it('span latency from p50 to p95 and leave models without latency empty', () => {
    const config = latencyChart(summary);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [[400, 900], null],
      [null, null],
    ]);
  });

  it('group tags by how many cases use them and leave missing tags empty', () => {
    const config = tagChart(summary);
    expect(config.data.labels).toEqual(['text', 'math']);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [null, 30],
      [70, 90],
    ]);
  });

  it('line up history points by run label, one line per model', () => {
    const config = historyChart([
      { label: 'v1', model: 'a', passRate: 0.5 },
      { label: 'v2', model: 'a', passRate: 0.6 },
      { label: 'v2', model: 'b', passRate: 0.7 },
    ]);
    expect(config.data.labels).toEqual(['v1', 'v2']);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['a', [50, 60]],
      ['b', [null, 70]],
    ]);
  });
});
