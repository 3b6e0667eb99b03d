/**
 * Core performance figure: score 100,000 synthetic answers (5,000 cases × 4 models × 5 samples)
 * with the real scorers and compute every run statistic, bootstrap intervals included.
 * Target: under 1 s. Run with `node bench/core.ts`.
 */
import type { CaseInput, ChatMessage, ResolvedDefinition } from '../src/core/definition/schema.ts';
import { BenchmarkDefinitionSchema } from '../src/core/definition/schema.ts';
import { scoreCase } from '../src/core/scoring/registry.ts';
import { createRandom } from '../src/core/stats/rng.ts';
import { type ResultRow, summarizeRun } from '../src/core/stats/summary.ts';

const CASES = 5000;
const SAMPLES = 5;
const MODELS = [
  { id: 'demo:smart', accuracy: 0.9 },
  { id: 'demo:fast', accuracy: 0.7 },
  { id: 'demo:cheap', accuracy: 0.5 },
  { id: 'openai/gpt-4o-mini', accuracy: 0.8 },
];
const LIMIT_MS = 1000;

/** Five kinds of case, each exercising a different scorer, with a right and a wrong answer. */
const KINDS: ((i: number) => { input: CaseInput; right: string; wrong: string })[] = [
  (i) => ({
    input: {
      input: `What is ${i} + ${i * 3}?`,
      expected: String(i * 4),
      assert: [{ type: 'numeric' }],
      tags: ['math'],
    },
    right: `Adding them gives ${(i * 4).toLocaleString('en-US')}.`,
    wrong: `I think it is ${i * 4 + 1}.`,
  }),
  (i) => ({
    input: { input: `Capital of country #${i}?`, expected: `City ${i}`, tags: ['facts'] },
    right: ` city ${i}. `,
    wrong: `Town ${i + 1}`,
  }),
  (i) => ({
    input: {
      input: `Name the colour of item ${i}.`,
      assert: [
        { type: 'icontains', value: 'blue' },
        { type: 'not-contains', value: 'red' },
      ],
      tags: ['format'],
    },
    right: `Item ${i} is BLUE, as the catalogue says.`,
    wrong: `Item ${i} is red.`,
  }),
  (i) => ({
    input: {
      input: `Give the date of event ${i} as YYYY-MM-DD.`,
      assert: [{ type: 'regex', value: '^\\d{4}-\\d{2}-\\d{2}$' }],
      tags: ['format', 'dates'],
    },
    right: `20${10 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
    wrong: `${1 + (i % 28)} March 2020`,
  }),
  (i) => ({
    input: {
      input: `Which option is right for question ${i}? A, B, C or D.`,
      expected: 'ABCD'[i % 4],
      assert: [{ type: 'choice' }],
      tags: ['mcq'],
    },
    right: `After thinking it through, the answer is (${'ABCD'[i % 4]}).`,
    wrong: `The answer is (${'ABCD'[(i + 1) % 4]}).`,
  }),
];

function buildDefinition(): { definition: ResolvedDefinition; right: string[]; wrong: string[] } {
  const made = Array.from({ length: CASES }, (_, i) => (KINDS[i % KINDS.length] as (typeof KINDS)[number])(i));
  const parsed = BenchmarkDefinitionSchema.parse({ name: 'bench', cases: made.map((m) => m.input), samples: SAMPLES });
  return {
    definition: { ...parsed, cases: parsed.cases.map((c, i) => ({ ...c, id: `case-${i}` })) },
    right: made.map((m) => m.right),
    wrong: made.map((m) => m.wrong),
  };
}

const { definition, right, wrong } = buildDefinition();
const random = createRandom(2026);
const work = definition.cases.flatMap((testCase, c) => {
  const messages: ChatMessage[] = [{ role: 'user', content: String(testCase.input) }];
  return MODELS.flatMap((model) =>
    Array.from({ length: SAMPLES }, (_, sample) => {
      const failed = random() < 0.01;
      return {
        testCase,
        messages,
        model: model.id,
        sample,
        output: random() < model.accuracy ? (right[c] as string) : (wrong[c] as string),
        failed: failed ? { kind: 'timeout', message: 'no answer within 60 s' } : undefined,
        cached: random() < 0.05,
        latencyMs: 50 + random() * 900,
      };
    }),
  );
});

const started = performance.now();
const results: ResultRow[] = [];
for (const item of work) {
  const scored = await scoreCase(
    { definition, testCase: item.testCase, output: item.output, messages: item.messages, failed: item.failed },
    {},
  );
  results.push({
    caseId: item.testCase.id,
    model: item.model,
    sample: item.sample,
    score: scored.score,
    pass: scored.pass,
    costUsd: item.failed ? 0 : 0.00002,
    latencyMs: item.latencyMs,
    cached: item.cached,
    error: item.failed ? item.failed.kind : null,
    tags: item.testCase.tags,
    promptTokens: 20,
    completionTokens: 12,
  });
}
const scoredAt = performance.now();
const summary = summarizeRun({ models: MODELS.map((m) => m.id), samples: SAMPLES, results });
const finished = performance.now();

const total = finished - started;
for (const m of summary.models) {
  console.log(
    `  ${m.model.padEnd(20)} pass ${(m.passRate * 100).toFixed(1)}% [${(m.passCi.low * 100).toFixed(1)}, ${(m.passCi.high * 100).toFixed(1)}]` +
      `  score ${m.meanScore.toFixed(3)} [${m.scoreCi.low.toFixed(3)}, ${m.scoreCi.high.toFixed(3)}]  pass@${m.passAtK?.k} ${m.passAtK?.passAtK.toFixed(3)}`,
  );
}
console.log(
  `  scoring ${(scoredAt - started).toFixed(0)} ms, statistics ${(finished - scoredAt).toFixed(0)} ms (${summary.pairwise.length} pairs, 1000 bootstrap resamples per interval)`,
);
console.log(
  `core: ${results.length} results scored+summarised in ${total.toFixed(0)} ms (${(total / LIMIT_MS).toFixed(2)} × limit ${LIMIT_MS} ms)`,
);
