import type { ResultRow } from '../stats/summary-schema.ts';
import type { RunComparison } from './hub.ts';

type CaseOutcome = { pass: boolean; score: number };

/** Per case and model, the share of passing samples and the mean score. */
function outcomes(rows: ResultRow[]): Map<string, CaseOutcome> {
  const sums = new Map<string, { passes: number; score: number; n: number }>();
  for (const row of rows) {
    const key = `${row.model}|${row.caseId}`;
    const sum = sums.get(key) ?? { passes: 0, score: 0, n: 0 };
    sum.passes += row.pass ? 1 : 0;
    sum.score += row.score;
    sum.n += 1;
    sums.set(key, sum);
  }
  return new Map([...sums].map(([key, sum]) => [key, { pass: sum.passes * 2 > sum.n, score: sum.score / sum.n }]));
}

/** Case-by-case differences of two runs, for the models both ran. */
export function compareResults(
  rowsA: ResultRow[],
  rowsB: ResultRow[],
  modelsA: string[],
  modelsB: string[],
): Pick<RunComparison, 'models' | 'changed'> {
  const a = outcomes(rowsA);
  const b = outcomes(rowsB);
  const shared = modelsA.filter((model) => modelsB.includes(model));
  const changed: RunComparison['changed'] = [];
  const models = shared.map((model) => {
    let passA = 0;
    let passB = 0;
    let casesA = 0;
    let casesB = 0;
    let fixed = 0;
    let broken = 0;
    let same = 0;
    for (const [key, outcome] of a) {
      if (!key.startsWith(`${model}|`)) continue;
      casesA += 1;
      passA += outcome.pass ? 1 : 0;
    }
    for (const [key, outcome] of b) {
      if (!key.startsWith(`${model}|`)) continue;
      casesB += 1;
      passB += outcome.pass ? 1 : 0;
      const before = a.get(key);
      if (!before) continue;
      if (before.pass === outcome.pass) same += 1;
      else if (outcome.pass) fixed += 1;
      else broken += 1;
      if (before.pass !== outcome.pass && changed.length < 50) {
        const caseId = key.slice(model.length + 1);
        changed.push({
          caseId,
          model,
          passA: before.pass,
          passB: outcome.pass,
          scoreA: before.score,
          scoreB: outcome.score,
        });
      }
    }
    return {
      model,
      passRateA: casesA ? passA / casesA : 0,
      passRateB: casesB ? passB / casesB : 0,
      fixed,
      broken,
      same,
    };
  });
  return { models, changed };
}
