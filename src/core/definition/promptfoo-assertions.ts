/** promptfoo assertion types with a meaning here, and the scorer each becomes. */
const TYPES: ReadonlyMap<string, string> = new Map([
  ['equals', 'equals'],
  ['contains', 'contains'],
  ['icontains', 'icontains'],
  ['contains-any', 'contains-any'],
  ['contains-all', 'contains-all'],
  ['starts-with', 'starts-with'],
  ['regex', 'regex'],
  ['is-json', 'is-json'],
  ['contains-json', 'is-json'],
  ['javascript', 'javascript'],
  ['llm-rubric', 'llm-judge'],
  ['similar', 'levenshtein'],
  ['levenshtein', 'levenshtein'],
  ['rouge-n', 'rouge-l'],
]);

/** Mappings that change what is measured, so the import report says so. */
const APPROXIMATIONS: ReadonlyMap<string, string> = new Map([
  ['contains-json', '`contains-json` became `is-json`: the whole answer must be JSON'],
  ['similar', '`similar` (embedding similarity) became `levenshtein` (edit-distance similarity)'],
  ['rouge-n', '`rouge-n` became `rouge-l`'],
]);

/** Fields of a promptfoo assertion copied as they are. */
const KEPT = new Set(['type', 'value', 'threshold', 'weight']);

/** Collects what an import left out, counting repeats so a 500-test import lists each kind once. */
export class IgnoredList {
  readonly #counts = new Map<string, number>();

  add(what: string): void {
    this.#counts.set(what, (this.#counts.get(what) ?? 0) + 1);
  }

  toArray(): string[] {
    return [...this.#counts].map(([what, count]) => (count > 1 ? `${what} (${count} times)` : what));
  }
}

export interface MappedAssertion {
  assertion: Record<string, unknown>;
  /** Index in the promptfoo list, to locate messages. */
  source: number;
}

/**
 * Maps a promptfoo `assert` list. `where` names the list in report entries (`tests[].assert`).
 * Unknown types, file references and out-of-range thresholds are left out and reported.
 */
export function mapPromptfooAssertions(
  list: unknown,
  where: string,
  ignored: IgnoredList,
  warnings: Set<string>,
): MappedAssertion[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    ignored.add(`${where} (not a list)`);
    return [];
  }
  return list.flatMap((raw: unknown, source): MappedAssertion[] => {
    if (raw === null || typeof raw !== 'object' || typeof (raw as { type?: unknown }).type !== 'string') {
      ignored.add(`${where}: an entry without a \`type\``);
      return [];
    }
    const fields = raw as Record<string, unknown>;
    const type = fields.type as string;
    const negated = type.startsWith('not-');
    const base = negated ? type.slice(4) : type;
    const mapped = TYPES.get(base);
    if (mapped === undefined) {
      ignored.add(`${where}: type \`${type}\``);
      return [];
    }
    if (negated && mapped === 'llm-judge') {
      ignored.add(`${where}: \`${type}\` (a judge cannot be negated here; phrase the rubric the other way round)`);
      return [];
    }
    if (typeof fields.value === 'string' && fields.value.startsWith('file://')) {
      ignored.add(`${where}: \`${type}\` with a file reference`);
      return [];
    }
    const approximation = APPROXIMATIONS.get(base);
    if (approximation) warnings.add(approximation);
    const assertion: Record<string, unknown> = { type: negated ? `not-${mapped}` : mapped };
    if (fields.value !== undefined) assertion.value = fields.value;
    const threshold = fields.threshold;
    if (typeof threshold === 'number' && threshold >= 0 && threshold <= 1) assertion.threshold = threshold;
    else if (threshold !== undefined)
      ignored.add(`${where}: \`threshold\` ${String(threshold)} of \`${type}\` (must be 0..1 here)`);
    if (fields.weight !== undefined) assertion.weight = fields.weight;
    for (const key of Object.keys(fields)) {
      if (!KEPT.has(key)) ignored.add(`${where}: \`${key}\``);
    }
    return [{ assertion, source }];
  });
}
