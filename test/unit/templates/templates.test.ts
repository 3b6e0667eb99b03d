import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/core/definition/parse.ts';
import type { Assertion, ResolvedCase, ResolvedDefinition } from '../../../src/core/definition/schema.ts';
import { scoreCase } from '../../../src/core/scoring/registry.ts';
import { DEFAULT_TEMPLATE_DIR } from '../../../src/templates/library.ts';

const files = readdirSync(DEFAULT_TEMPLATE_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

function load(file: string): ResolvedDefinition {
  return parseDefinition(readFileSync(join(DEFAULT_TEMPLATE_DIR, file), 'utf8'), { format: 'yaml' }).definition;
}

/** Judge and script checks need ports; the rest are pure and can vouch for the expected answers. */
const isDeterministic = (assertion: Assertion) => !['llm-judge', 'javascript'].includes(assertion.type);

/** The definition with only its deterministic assertions, so scoring needs no model. */
function deterministicOnly(definition: ResolvedDefinition): ResolvedDefinition {
  return {
    ...definition,
    assert: definition.assert.filter(isDeterministic),
    cases: definition.cases.map((testCase) => ({ ...testCase, assert: testCase.assert?.filter(isDeterministic) })),
  };
}

/** Whether a case keeps any check once judge checks are set aside. */
function hasDeterministicCheck(definition: ResolvedDefinition, testCase: ResolvedCase): boolean {
  const own = (testCase.assert ?? []).filter(isDeterministic);
  const defaults = testCase.assertMode === 'replace' ? [] : definition.assert.filter(isDeterministic);
  return own.length + defaults.length > 0;
}

async function failingCases(definition: ResolvedDefinition, output: (testCase: ResolvedCase) => string) {
  const failures: string[] = [];
  for (const testCase of definition.cases) {
    const score = await scoreCase({ definition, testCase, output: output(testCase), messages: [] }, {});
    if (!score.pass) {
      const reasons = score.checks.filter((check) => !check.pass).map((check) => `${check.type}: ${check.reason}`);
      failures.push(`${testCase.id}: ${reasons.join('; ')}`);
    }
  }
  return failures;
}

describe('benchmark templates', () => {
  it('ships at least 22 templates', () => {
    expect(files.length).toBeGreaterThanOrEqual(22);
  });

  describe.each(files)('%s', (file) => {
    it('parses and validates with a description, at least 15 cases, unique ids and expected answers', () => {
      const definition = load(file);
      expect(definition.description.length).toBeGreaterThan(80);
      expect(definition.tags.length).toBeGreaterThan(0);
      expect(definition.cases.length).toBeGreaterThanOrEqual(15);
      const ids = definition.cases.map((testCase) => testCase.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(definition.cases.filter((testCase) => testCase.expected === undefined).map((c) => c.id)).toEqual([]);
      expect(definition.params.temperature).toBe(0);
      expect(definition.params.max_tokens).toBeGreaterThan(0);
    });

    it("gives expected answers that pass the template's own deterministic checks", async () => {
      const definition = deterministicOnly(load(file));
      expect(await failingCases(definition, (testCase) => testCase.expected ?? '')).toEqual([]);
    });

    it('fails an empty answer on every case it checks mechanically', async () => {
      const full = load(file);
      const definition = deterministicOnly(full);
      const checked = definition.cases.filter((testCase) => hasDeterministicCheck(full, testCase));
      const failures = await failingCases({ ...definition, cases: checked }, () => '');
      expect(failures.length).toBe(checked.length);
    });
  });
});
