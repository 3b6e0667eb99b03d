import { describe, expect, it } from 'vitest';
import { buttonId, formId, parseButtonId, parseFormId } from '../../../src/bots/discord/custom-ids.ts';

describe('custom ids', () => {
  it('carries a short value in the id itself', () => {
    expect(buttonId('run.confirm', 'abc123')).toEqual({ customId: 'b|run.confirm|abc123' });
    expect(parseButtonId('b|run.confirm|abc123')).toEqual({ action: 'run.confirm', value: 'abc123' });
    expect(parseButtonId('b|history.page|2:a|b')).toEqual({ action: 'history.page', value: '2:a|b' });
  });

  it('refers to a value that does not fit by a key derived from the button', () => {
    const longValue = `${'n'.repeat(150)}|with separators`;
    const { customId, stored } = buttonId('benchmark.run', longValue);
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(customId).toMatch(/^b\|benchmark\.run\|~[\w-]{16}$/);
    const key = customId.split('~')[1];
    expect(stored).toEqual([key, { action: 'benchmark.run', value: longValue }]);
    expect(parseButtonId(customId)).toEqual({ action: 'benchmark.run', key });
    // Rendering the same button again refreshes the same entry; another action gets another one.
    expect(buttonId('benchmark.run', longValue).customId).toBe(customId);
    expect(buttonId('benchmark.show', longValue).customId.split('~')[1]).not.toBe(key);
  });

  it('stores a short value that looks like a reference rather than misreading it', () => {
    const { customId, stored } = buttonId('benchmark.show', '~tilde');
    expect(stored?.[1]).toEqual({ action: 'benchmark.show', value: '~tilde' });
    expect(parseButtonId(customId)).toMatchObject({ action: 'benchmark.show', key: expect.any(String) });
  });

  it('tells buttons, forms and foreign ids apart', () => {
    expect(parseButtonId('something else')).toBeUndefined();
    expect(parseButtonId(formId('k1'))).toBeUndefined();
    expect(parseFormId(formId('k1'))).toBe('k1');
    expect(parseFormId('b|run.confirm|abc123')).toBeUndefined();
  });
});
