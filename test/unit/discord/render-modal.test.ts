import { describe, expect, it } from 'vitest';
import { formWithValues, renderModal } from '../../../src/bots/discord/render-modal.ts';
import { builderForm } from '../../../src/core/commands/builder-form.ts';
import { modalProblems } from '../../support/fake-discord-limits.ts';

describe('renderModal', () => {
  it('renders the Discord builder as five labelled components Discord accepts', () => {
    const modal = renderModal(builderForm('discord', { scorer: 'numeric', models: ['demo:fast'] }), 'f|key');
    expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(modal.components).toHaveLength(5);
    const byId = Object.fromEntries(
      modal.components.map((label) => {
        const inner = (label as { component: { custom_id: string } }).component;
        return [inner.custom_id, inner as unknown as Record<string, unknown>];
      }),
    );
    expect(byId.name).toMatchObject({ type: 4, style: 1, required: true });
    expect(byId.cases).toMatchObject({ type: 4, style: 2, max_length: 3000 });
    // Models have no fixed options: typed, comma-separated, prefilled with the selection.
    expect(byId.models).toMatchObject({ type: 4, value: 'demo:fast' });
    expect(byId.scorer).toMatchObject({ type: 3, max_values: 1 });
    expect(((byId.scorer?.options ?? []) as { value: string; default: boolean }[]).find((o) => o.default)?.value).toBe(
      'numeric',
    );
  });

  it('keeps only five fields of a longer form', () => {
    const modal = renderModal(builderForm('slack'), 'f|key');
    expect(modal.components).toHaveLength(5);
    expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('refills a form with what the user submitted', () => {
    const form = formWithValues(builderForm('discord'), {
      name: 'quiz',
      models: 'a, b',
      scorer: ['regex'],
      cases: 'x',
    });
    const field = (id: string) => form.fields.find((f) => f.id === id);
    expect(field('name')?.value).toBe('quiz');
    expect(field('models')?.selected).toEqual(['a', 'b']);
    expect(field('scorer')?.selected).toEqual(['regex']);
    expect(field('cases')?.value).toBe('x');
  });
});
