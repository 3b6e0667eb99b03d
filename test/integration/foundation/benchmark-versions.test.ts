import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOf, sumsText } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor = adminOf('versions');

describe('a benchmark and its versions', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ worker: false });
  });
  afterAll(() => harness?.close());

  it('shows every version with its case count, newest first, and the current definition', async () => {
    const { hub } = harness;
    await hub.saveBenchmark(actor, { text: sumsText(3), name: 'Sums' });
    await hub.saveBenchmark(actor, { text: sumsText(5), name: 'Sums' });
    await hub.saveBenchmark(actor, { text: sumsText(4), name: 'Sums' });

    const shown = await hub.showBenchmark(actor, 'Sums');

    expect(shown.versions.map((v) => [v.version, v.caseCount])).toEqual([
      [3, 4],
      [2, 5],
      [1, 3],
    ]);
    expect(shown.benchmark).toMatchObject({ version: 3, caseCount: 4 });
    expect(shown.definition.cases.map((testCase) => testCase.expected)).toEqual(['0', '2', '4', '6']);
  });

  it('counts the cases of a version stored before versions kept their count', async () => {
    const { hub } = harness;
    await hub.saveBenchmark(actor, { text: sumsText(2), name: 'Old' });
    const { Benchmark, BenchmarkVersion } = harness.services.runtime.models;
    const old = await Benchmark.findOne({ name: 'Old' }).lean();
    await BenchmarkVersion.collection.updateOne({ benchmarkId: old?._id, version: 1 }, { $unset: { caseCount: '' } });
    expect(await BenchmarkVersion.countDocuments({ benchmarkId: old?._id, caseCount: { $exists: false } })).toBe(1);

    const shown = await hub.showBenchmark(actor, 'Old');

    expect(shown.versions).toMatchObject([{ version: 1, caseCount: 2 }]);
  });
});
