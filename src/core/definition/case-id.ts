import type { InputIssue } from '../errors.ts';
import type { Case } from './schema.ts';

// FNV-1a 64-bit offset basis 0xcbf29ce484222325 and prime 0x100000001b3 (= 2^40 + 0x1b3), kept as
// four 16-bit limbs so the hash runs on plain numbers instead of slow BigInt arithmetic.
const OFFSET_LIMBS: readonly number[] = [0x2325, 0x8422, 0x9ce4, 0xcbf2];

/** FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lowercase hex digits. */
export function fnv1a64(text: string): string {
  let [h0 = 0, h1 = 0, h2 = 0, h3 = 0] = OFFSET_LIMBS;
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i]!;
    // Multiply by 2^40 + 0x1b3 modulo 2^64: the 2^40 part shifts limbs 0 and 1 up by 2.5 limbs.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The id a case gets from what it asks and expects: `c-` and the content hash in base 36. */
export function contentCaseId(testCase: Pick<Case, 'vars' | 'input' | 'expected'>): string {
  const content = canonicalJson({ vars: testCase.vars, input: testCase.input, expected: testCase.expected });
  return `c-${BigInt(`0x${fnv1a64(content)}`).toString(36)}`;
}

/**
 * Gives every case an id. Given ids are kept (a repeated one is an issue: results are keyed on it);
 * missing ids come from the content, and cases with identical content get `-2`, `-3`… in order.
 */
export function assignCaseIds(cases: ReadonlyArray<Pick<Case, 'id' | 'vars' | 'input' | 'expected'>>): {
  ids: string[];
  issues: InputIssue[];
} {
  const issues: InputIssue[] = [];
  const givenBy = new Map<string, number>();
  cases.forEach((testCase, index) => {
    if (testCase.id === undefined) return;
    const first = givenBy.get(testCase.id);
    if (first === undefined) givenBy.set(testCase.id, index);
    else {
      issues.push({
        path: `cases.${index}.id`,
        caseNumber: index + 1,
        message: `id \`${testCase.id}\` is already used by case ${first + 1}; ids must be unique`,
      });
    }
  });
  const taken = new Set(givenBy.keys());
  const ids = cases.map((testCase) => {
    if (testCase.id !== undefined) return testCase.id;
    const base = contentCaseId(testCase);
    let id = base;
    for (let suffix = 2; taken.has(id); suffix++) id = `${base}-${suffix}`;
    taken.add(id);
    return id;
  });
  return { ids, issues };
}
