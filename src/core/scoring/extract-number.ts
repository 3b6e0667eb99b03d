// A number as people write it: optional sign and currency, thousands separators, decimals,
// exponent, percent. The look-behind keeps `5-3` from reading as -3 and `v2` from reading as 2.
const NUMBER = /(?<![\w.])([-−])?\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)/g;
const GSM8K_MARK = /####\s*/g;
const BOXED = /\\boxed\s*\{([^{}]*)\}/g;
const ANSWER_PHRASE = /\banswer(?:\s+is)?\s*(?:[:=]|\bis\b)?/gi;

function numbersIn(text: string): number[] {
  const values: number[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const value = Number((match[2] ?? '').replaceAll(',', ''));
    if (Number.isFinite(value)) values.push(match[1] ? -value : value);
  }
  return values;
}

function lastIndexAfter(text: string, pattern: RegExp): number | undefined {
  let end: number | undefined;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

/**
 * The final answer of a free-text reply, GSM8K-style: the number after the last `####`, else in
 * the last `\boxed{…}`, else right after the last "answer is"/"Answer:", else the last number.
 * Handles `1,234.5`, `-3`, `$12`, `45%` (read as 45) and `1e3`.
 */
export function extractFinalNumber(text: string): number | undefined {
  const marked = lastIndexAfter(text, GSM8K_MARK);
  if (marked !== undefined) {
    const first = numbersIn(text.slice(marked, marked + 64))[0];
    if (first !== undefined) return first;
  }
  let boxed: string | undefined;
  for (const match of text.matchAll(BOXED)) boxed = match[1];
  if (boxed !== undefined) {
    const inside = numbersIn(boxed).at(-1);
    if (inside !== undefined) return inside;
  }
  const phrase = lastIndexAfter(text, ANSWER_PHRASE);
  if (phrase !== undefined) {
    const first = numbersIn(text.slice(phrase, phrase + 64))[0];
    if (first !== undefined) return first;
  }
  return numbersIn(text).at(-1);
}
