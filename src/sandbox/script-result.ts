import type { ScoreResult } from '../core/scoring/types.ts';

// A number returned by a script passes from here up, like the other graded scorers' default.
const DEFAULT_PASS_SCORE = 0.5;

const EXPECTED_SHAPE = 'a script must return true/false, a number 0..1 or {pass, score, reason}';

function invalid(reason: string): ScoreResult {
  return { score: 0, pass: false, reason, error: true };
}

function isUnitScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/** Reads what a scoring script returned (its `typeof` and dumped value) as a ScoreResult. */
export function interpretScriptValue(type: string, value: unknown): ScoreResult {
  if (typeof value === 'boolean') return { score: value ? 1 : 0, pass: value, reason: `script returned ${value}` };
  if (typeof value === 'number') {
    if (!isUnitScore(value)) return invalid(`script returned ${value}, outside 0..1`);
    return { score: value, pass: value >= DEFAULT_PASS_SCORE, reason: `script returned ${value}` };
  }
  if (type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.then === 'object' || 'then' in record) return invalid('async scripts are not supported');
    const { pass, score, reason } = record;
    if (pass !== undefined && typeof pass !== 'boolean')
      return invalid(`\`pass\` must be true or false; ${EXPECTED_SHAPE}`);
    if (score !== undefined && !isUnitScore(score))
      return invalid(`\`score\` must be a number 0..1; ${EXPECTED_SHAPE}`);
    if (pass === undefined && score === undefined) return invalid(EXPECTED_SHAPE);
    const finalScore = score ?? (pass ? 1 : 0);
    return {
      score: finalScore,
      pass: pass ?? finalScore >= DEFAULT_PASS_SCORE,
      reason: typeof reason === 'string' && reason !== '' ? reason : `script returned score ${finalScore}`,
    };
  }
  return invalid(`script returned ${type === 'undefined' ? 'nothing' : `a ${type}`}; ${EXPECTED_SHAPE}`);
}
