import type { Assertion } from '../definition/schema.ts';
import type { ScoreResult, ScoringContext } from './types.ts';

/** How `equals` and friends compare text; every flag defaults to on. */
export interface NormaliseOptions {
  ignoreCase: boolean;
  ignoreWhitespace: boolean;
  ignorePunctuation: boolean;
  nfkc: boolean;
}

const NORMALISE_FLAGS = ['ignoreCase', 'ignoreWhitespace', 'ignorePunctuation', 'nfkc'] as const;

/** Reads the normalisation flags of an assertion (absent flags are on). */
export function normaliseOptions(assertion: Assertion): NormaliseOptions {
  const options = assertion.options ?? {};
  return {
    ignoreCase: options.ignoreCase !== false,
    ignoreWhitespace: options.ignoreWhitespace !== false,
    ignorePunctuation: options.ignorePunctuation === true,
    nfkc: options.nfkc !== false,
  };
}

/** Message for a normalisation flag that is not a boolean, or undefined. */
export function checkNormaliseOptions(assertion: Assertion): string | undefined {
  for (const flag of NORMALISE_FLAGS) {
    const value = assertion.options?.[flag];
    if (value !== undefined && typeof value !== 'boolean') return `option \`${flag}\` must be true or false`;
  }
  return undefined;
}

/** Full case folding, close to Unicode's: `ß` and `SS` compare equal, as do `ﬁ` and `FI`. */
export function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/**
 * Default normalisation: trim, NFKC, case-insensitive, whitespace runs collapsed, one trailing
 * period dropped (models end sentences with one; expected answers rarely have it).
 */
export function normalise(text: string, options: NormaliseOptions): string {
  let result = options.nfkc ? text.normalize('NFKC') : text;
  if (options.ignoreCase) result = foldCase(result);
  if (options.ignoreCase && options.nfkc) result = result.normalize('NFKC');
  if (options.ignorePunctuation) result = result.replace(/[\p{P}\p{S}]/gu, '');
  if (options.ignoreWhitespace) result = result.replace(/\s+/g, ' ');
  result = result.trim();
  if (result.endsWith('.')) result = result.slice(0, -1).trimEnd();
  return result;
}

/** The comparison text: the assertion's value when present, else the case's expected answer. */
export function expectedText(assertion: Assertion, context: ScoringContext): string | undefined {
  const value = assertion.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return context.case.expected;
}

/** A value that is a string or a non-empty list of strings, as a list. */
export function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' || typeof item === 'number')
  )
    return value.map(String);
  return undefined;
}

export function checkStringList(assertion: Assertion): string | undefined {
  return stringList(assertion.value) ? undefined : '`value` must be a string or a non-empty list of strings';
}

export function checkStringOrExpected(assertion: Assertion): string | undefined {
  const value = assertion.value;
  if (value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  return '`value` must be a string (or leave it out to use the case’s expected answer)';
}

/** A binary result. */
export function verdict(pass: boolean, reason: string): ScoreResult {
  return { score: pass ? 1 : 0, pass, reason };
}

/** A check that could not be evaluated. */
export function broken(reason: string): ScoreResult {
  return { score: 0, pass: false, reason, error: true };
}

export const NO_EXPECTED = 'no expected answer: give `value` or the case’s `expected`';

/** Shortens text for reasons so a 1 MB output never ends up in a report line. */
export function quote(text: string, max = 60): string {
  // Cut before flattening so the cost does not grow with the output.
  const flat = text.slice(0, max + 1).replace(/\s+/g, ' ');
  return JSON.stringify(text.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** The pass threshold of a graded scorer. */
export function thresholdOf(assertion: Assertion, fallback: number): number {
  return assertion.threshold ?? fallback;
}
