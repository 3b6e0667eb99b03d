import { z } from 'zod';

/** A judge's verdict after normalisation: score 0..1, pass when the judge said so, a reason. */
export const JudgeVerdictSchema = z.object({
  score: z.number().min(0).max(1),
  pass: z.boolean().optional(),
  reason: z.string(),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

const TRUE_WORDS = new Set(['true', 'yes', 'pass', 'passed', 'y']);
const FALSE_WORDS = new Set(['false', 'no', 'fail', 'failed', 'n']);

/** Scores on 0..1 stay; 1..10 and 1..100 scales are divided down; `8/10` reads as 0.8. */
function normaliseScore(raw: number | string): number | undefined {
  if (typeof raw === 'string') {
    const ratio = /^\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(raw);
    if (ratio) return Number(ratio[2]) > 0 ? Number(ratio[1]) / Number(ratio[2]) : undefined;
    const trimmed = raw.trim();
    return trimmed === '' ? undefined : normaliseScore(Number(trimmed));
  }
  if (!Number.isFinite(raw) || raw < 0) return undefined;
  if (raw <= 1) return raw;
  if (raw <= 10) return raw / 10;
  if (raw <= 100) return raw / 100;
  return undefined;
}

const RawVerdictSchema = z
  .object({
    score: z.union([z.number(), z.string()]).optional(),
    pass: z.union([z.boolean(), z.string()]).optional(),
    reason: z.string().optional(),
    reasoning: z.string().optional(),
    explanation: z.string().optional(),
  })
  .transform((raw, ctx) => {
    const score = raw.score === undefined ? undefined : normaliseScore(raw.score);
    if (raw.score !== undefined && score === undefined) {
      ctx.addIssue({ code: 'custom', message: `score ${JSON.stringify(raw.score)} is not on a 0–1 or 1–10 scale` });
      return z.NEVER;
    }
    let pass: boolean | undefined;
    if (typeof raw.pass === 'boolean') pass = raw.pass;
    else if (raw.pass !== undefined) {
      const word = raw.pass.trim().toLowerCase();
      pass = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
      if (pass === undefined) {
        ctx.addIssue({ code: 'custom', message: `pass ${JSON.stringify(raw.pass)} is not true or false` });
        return z.NEVER;
      }
    }
    if (score === undefined && pass === undefined) {
      ctx.addIssue({ code: 'custom', message: 'neither score nor pass given' });
      return z.NEVER;
    }
    return {
      score: score ?? (pass ? 1 : 0),
      pass,
      reason: raw.reason ?? raw.reasoning ?? raw.explanation ?? '',
    } satisfies JudgeVerdict;
  });

/** Top-level `{…}` spans in text order, found by brace counting that skips quoted strings. */
function objectCandidates(text: string): string[] {
  const spans: string[] = [];
  let depth = 0;
  let start = -1;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0) spans.push(text.slice(start, i + 1));
    } else if (depth > 0 && (char === '"' || char === "'")) quote = char;
  }
  return spans;
}

/** Lenient repairs for near-JSON judges write: trailing commas, single quotes, bare keys, Python literals. */
function repair(candidate: string): string {
  return candidate
    .replace(/(?<=[{,:[]\s*)'((?:[^'\\]|\\.)*)'(?=\s*[:,}\]])/g, (_, inner: string) =>
      JSON.stringify(inner.replace(/\\'/g, "'")),
    )
    .replace(/([{,]\s*)([A-Za-z_]\w*)\s*:/g, '$1"$2":')
    .replace(/:\s*True\b/g, ': true')
    .replace(/:\s*False\b/g, ': false')
    .replace(/,\s*([}\]])/g, '$1');
}

function parseLoose(candidate: string): unknown {
  for (const text of [candidate, repair(candidate)]) {
    try {
      return JSON.parse(text);
    } catch {
      // Try the repaired text next; a candidate that never parses is skipped by the caller.
    }
  }
  return undefined;
}

function lowerKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toLowerCase(), inner]));
}

/** A parsed verdict or why none could be read. */
export type VerdictParse = { ok: true; verdict: JudgeVerdict } | { ok: false; reason: string };

/**
 * Reads a judge's reply: the last JSON object in it that is a valid verdict, wherever it sits
 * (bare, in prose, in a fenced block), tolerating trailing commas, single quotes and bare keys.
 */
export function parseJudgeVerdict(text: string): VerdictParse {
  const candidates = objectCandidates(text);
  if (candidates.length === 0) return { ok: false, reason: 'the judge reply holds no JSON object' };
  let problem = 'the judge reply holds no parseable JSON object';
  for (const candidate of candidates.reverse()) {
    const parsed = parseLoose(candidate);
    if (parsed === undefined) continue;
    const verdict = RawVerdictSchema.safeParse(lowerKeys(parsed));
    if (verdict.success) return { ok: true, verdict: verdict.data };
    problem = `the judge verdict is invalid: ${verdict.error.issues[0]?.message ?? 'wrong shape'}`;
  }
  return { ok: false, reason: problem };
}
