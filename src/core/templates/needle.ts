import type { BenchmarkDefinitionInput, CaseInput } from '../definition/schema.ts';
import { LIMITS } from '../definition/schema.ts';
import { InputError } from '../errors.ts';
import { createRandom } from '../stats/rng.ts';

/** Options of the long-context retrieval generator. */
export interface NeedleOptions {
  /** Number of cases; the needle depth is spread evenly from 0% to 100% over them (1–100). */
  cases?: number;
  /** Approximate length of each haystack in words (100–5000, so an input stays under 32 KB). */
  haystackWords?: number;
  /** Seed of the pseudo-random generator: the same options always give the same benchmark. */
  seed?: number;
}

/** Slug under which the template library lists the generated benchmark. */
export const NEEDLE_TEMPLATE_SLUG = 'long-context-needle';

// Filler vocabulary: letters only, so the digits of a needle's code cannot occur anywhere else.
const SUBJECTS = [
  'the old ferryman',
  'a patient gardener',
  'the village council',
  'a travelling weaver',
  'the lighthouse keeper',
  'a young cartographer',
  'the night baker',
  'a retired surveyor',
  'the river pilot',
  'a quiet librarian',
  'the orchard foreman',
  'a wandering tinsmith',
];
const VERBS = [
  'repaired',
  'measured',
  'painted',
  'described',
  'carried',
  'polished',
  'counted',
  'sketched',
  'rearranged',
  'inspected',
  'mended',
  'catalogued',
];
const ADJECTIVES = [
  'weathered',
  'copper',
  'narrow',
  'crooked',
  'silver',
  'forgotten',
  'heavy',
  'painted',
  'gentle',
  'hollow',
  'amber',
  'woollen',
];
const OBJECTS = [
  'lanterns',
  'fishing nets',
  'garden gates',
  'clock towers',
  'wooden crates',
  'stone bridges',
  'barley sacks',
  'window shutters',
  'rope ladders',
  'market stalls',
  'tea kettles',
  'map folders',
];
const PLACES = [
  'near the northern cliffs',
  'behind the grain store',
  'along the muddy towpath',
  'beside the chapel wall',
  'under the chestnut trees',
  'at the edge of the marsh',
  'inside the drafty workshop',
  'across the frozen pond',
  'by the harbour steps',
  'on the windy ridge',
];
const TIMES = [
  'before sunrise',
  'during the long autumn',
  'after the spring floods',
  'every second market day',
  'while the bells rang',
  'late in the evening',
  'in the first week of winter',
  'when the tide was low',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function fillerSentence(random: () => number): string {
  const sentence = `${pick(random, SUBJECTS)} ${pick(random, VERBS)} the ${pick(random, ADJECTIVES)} ${pick(random, OBJECTS)} ${pick(random, PLACES)} ${pick(random, TIMES)}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function fillerSentences(random: () => number, words: number): string[] {
  const sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const sentence = fillerSentence(random);
    sentences.push(sentence);
    count += sentence.split(' ').length;
  }
  return sentences;
}

/** Distinct integers in [min, max], drawn without replacement. */
function distinctIntegers(random: () => number, count: number, min: number, max: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(min + Math.floor(random() * (max - min + 1)));
  return [...chosen];
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError([{ path: name, message: `must be a whole number from ${min} to ${max}` }]);
  }
}

/**
 * Generates the long-context retrieval benchmark: each case hides one fact (the access code of a
 * numbered vault) in synthetic prose at a depth spread evenly from the start to the end of the text,
 * then asks for it. Deterministic for a given seed; throws InputError for out-of-range options.
 */
export function generateNeedleBenchmark(options: NeedleOptions = {}): BenchmarkDefinitionInput {
  const { cases = 15, haystackWords = 3000, seed = 1 } = options;
  checkRange('cases', cases, 1, 100);
  checkRange('haystackWords', haystackWords, 100, 5000);
  checkRange('seed', seed, 0, 2 ** 32 - 1);

  const random = createRandom(seed);
  const codes = distinctIntegers(random, cases, 1000, 9999);
  const vaults = distinctIntegers(random, cases, 2, 99);
  const generated: CaseInput[] = codes.map((code, index) => {
    const vault = vaults[index] as number;
    const depth = cases === 1 ? 0 : Math.round((100 * index) / (cases - 1));
    const sentences = fillerSentences(random, haystackWords);
    const at = Math.round((depth / 100) * sentences.length);
    sentences.splice(at, 0, `The access code for vault ${vault} is ${code}.`);
    const input = [
      'Read the following notes carefully. One sentence in them states an access code.',
      '',
      '<notes>',
      sentences.join(' '),
      '</notes>',
      '',
      `Question: what is the access code for vault ${vault}? Answer with the four-digit code only.`,
    ].join('\n');
    return {
      id: `needle-${String(index + 1).padStart(2, '0')}-depth-${depth}`,
      input,
      expected: String(code),
      tags: [`depth-${depth}`],
    };
  });

  const oversized = generated.findIndex((c) => new TextEncoder().encode(String(c.input)).length > LIMITS.maxInputBytes);
  if (oversized >= 0) {
    throw new InputError([
      {
        path: 'haystackWords',
        message: `case ${oversized + 1} would exceed ${LIMITS.maxInputBytes} bytes; use fewer words`,
      },
    ]);
  }

  return {
    name: 'Long-context needle retrieval',
    description:
      'Measures whether a model can find one specific fact buried in a long stretch of unrelated prose. ' +
      `Each case hides the access code of a numbered vault in about ${haystackWords} words of synthetic filler, ` +
      'at a depth that moves from the very start to the very end of the text, and asks for that code. ' +
      'Per-depth tags show where in the context a model starts to lose track.',
    tags: ['long-context', 'retrieval', 'needle-in-a-haystack'],
    prompt: '{{input}}',
    params: { temperature: 0, max_tokens: 16 },
    assert: [{ type: 'contains' }],
    cases: generated,
  };
}
