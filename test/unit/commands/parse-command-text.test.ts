import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/core/commands/parse-command-text.ts';
import { InputError } from '../../../src/core/errors.ts';

function messageOf(text: string): string {
  try {
    parseCommandText(text);
  } catch (error) {
    if (error instanceof InputError) return error.userMessage;
    throw error;
  }
  throw new Error(`"${text}" parsed without an error`);
}

describe('parseCommandText', () => {
  it('reads empty text and help as help', () => {
    expect(parseCommandText('')).toEqual({ name: 'help' });
    expect(parseCommandText('  HELP run ')).toEqual({ name: 'help', topic: 'run' });
  });

  it('parses run with models, samples and the cache switch', () => {
    expect(parseCommandText('run "support bot" openai/gpt-4o-mini demo:fast,demo:cheap samples=3 cache=off')).toEqual({
      name: 'run',
      benchmark: 'support bot',
      models: ['openai/gpt-4o-mini', 'demo:fast', 'demo:cheap'],
      samples: 3,
      cache: false,
    });
    expect(parseCommandText('run arithmetic')).toEqual({ name: 'run', benchmark: 'arithmetic', models: [] });
  });

  it('accepts the curly quotes Slack clients type', () => {
    expect(parseCommandText('show “support bot”')).toEqual({ name: 'show', benchmark: 'support bot' });
  });

  it('takes unquoted multi-word names for commands with one name', () => {
    expect(parseCommandText('show support bot')).toEqual({ name: 'show', benchmark: 'support bot' });
    expect(parseCommandText('delete  old test ')).toEqual({ name: 'delete', benchmark: 'old test' });
  });

  it('parses fork with and without a new name', () => {
    expect(parseCommandText('fork arithmetic')).toEqual({ name: 'fork', template: 'arithmetic' });
    expect(parseCommandText('fork arithmetic as "my math"')).toEqual({
      name: 'fork',
      template: 'arithmetic',
      as: 'my math',
    });
  });

  it('parses export formats, defaulting to csv', () => {
    expect(parseCommandText('export r1 JSONL')).toEqual({ name: 'export', run: 'r1', format: 'jsonl' });
    expect(parseCommandText('export r1')).toEqual({ name: 'export', run: 'r1', format: 'csv' });
    expect(messageOf('export r1 xml')).toContain('export <run> csv|json|jsonl');
  });

  it('parses dollar amounts for budget and threshold', () => {
    expect(parseCommandText('budget')).toEqual({ name: 'budget' });
    expect(parseCommandText('budget set $5')).toEqual({ name: 'budget', set: 5 });
    expect(parseCommandText('budget set 5.50')).toEqual({ name: 'budget', set: 5.5 });
    expect(parseCommandText('threshold set $ 2')).toEqual({ name: 'threshold', set: 2 });
    expect(parseCommandText('threshold 0.25')).toEqual({ name: 'threshold', set: 0.25 });
    expect(messageOf('budget set five')).toContain('not an amount in US dollars');
    expect(messageOf('budget set -3')).toContain('not an amount');
  });

  it('parses the remaining subcommands', () => {
    expect(parseCommandText('new')).toEqual({ name: 'new' });
    expect(parseCommandText('list')).toEqual({ name: 'list' });
    expect(parseCommandText('templates')).toEqual({ name: 'templates' });
    expect(parseCommandText('leaderboard')).toEqual({ name: 'leaderboard' });
    expect(parseCommandText('edit my bench')).toEqual({ name: 'edit', benchmark: 'my bench' });
    expect(parseCommandText('cancel abc123')).toEqual({ name: 'cancel', run: 'abc123' });
    expect(parseCommandText('status')).toEqual({ name: 'status' });
    expect(parseCommandText('status abc')).toEqual({ name: 'status', run: 'abc' });
    expect(parseCommandText('history "my bench" page=2')).toEqual({ name: 'history', benchmark: 'my bench', page: 2 });
    expect(parseCommandText('history my bench')).toEqual({ name: 'history', benchmark: 'my bench', page: 1 });
    expect(parseCommandText('compare a b')).toEqual({ name: 'compare', runA: 'a', runB: 'b' });
    expect(parseCommandText('models claude sonnet')).toEqual({ name: 'models', search: 'claude sonnet' });
    expect(parseCommandText('models')).toEqual({ name: 'models', search: '' });
    expect(parseCommandText('unshare abc')).toEqual({ name: 'unshare', run: 'abc' });
  });

  it('suggests the closest subcommand for a typo, and help', () => {
    const message = messageOf('rnu arithmetic');
    expect(message).toContain('`rnu` is not a /bench subcommand');
    expect(message).toContain('/bench run');
    expect(message).toContain('/bench help');
    expect(messageOf('hist x')).toContain('/bench history');
    expect(messageOf('xyzzy')).not.toContain('Did you mean');
  });

  it('says what is missing and how to write it', () => {
    expect(messageOf('run')).toContain('/bench run <name>');
    expect(messageOf('show')).toContain('/bench show <name>');
    expect(messageOf('compare onlyone')).toContain('two run ids');
    expect(messageOf('run x samples=many')).toContain('whole number');
    expect(messageOf('run x samples=50')).toContain('samples');
    expect(messageOf('run x speed=fast')).toContain('Unknown option');
    expect(messageOf('show "unclosed')).toContain('never closed');
  });
});
