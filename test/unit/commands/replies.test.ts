import { describe, expect, it } from 'vitest';
import { builderForm } from '../../../src/core/commands/builder-form.ts';
import { errorReply } from '../../../src/core/commands/replies/error.ts';
import { estimateReply } from '../../../src/core/commands/replies/estimate.ts';
import { helpReply } from '../../../src/core/commands/replies/help.ts';
import { historyReply } from '../../../src/core/commands/replies/history.ts';
import { runProgressReply } from '../../../src/core/commands/replies/progress.ts';
import { runResultReply } from '../../../src/core/commands/replies/result.ts';
import type { Reply, ReplyBlock } from '../../../src/core/commands/reply.ts';
import { FormSchema, ReplyBlockSchema } from '../../../src/core/commands/reply.ts';
import { SUBCOMMANDS } from '../../../src/core/commands/subcommands.ts';
import { AppError, InputError } from '../../../src/core/errors.ts';
import { budget, estimate, runView, summary } from './factories.ts';

function messageBlocks(reply: Reply): ReplyBlock[] {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  for (const block of reply.blocks) ReplyBlockSchema.parse(block);
  return reply.blocks;
}

function allText(reply: Reply): string {
  return JSON.stringify(messageBlocks(reply));
}

function buttonsOf(reply: Reply) {
  return messageBlocks(reply).flatMap((block) => (block.type === 'buttons' ? block.buttons : []));
}

describe('help', () => {
  it('lists every subcommand with an example', () => {
    const text = allText(helpReply());
    for (const entry of SUBCOMMANDS) {
      expect(text).toContain(`/bench ${entry.usage}`);
      expect(text).toContain(entry.example.replaceAll('"', '\\"'));
    }
  });
});

describe('runProgressReply', () => {
  it('shows the bar, done/total, errors, cost so far and the time left, in the channel', () => {
    const reply = runProgressReply(runView(), { etaMs: 90_000 });
    expect(reply.private).toBe(false);
    const blocks = messageBlocks(reply);
    expect(blocks).toContainEqual({ type: 'progress', done: 10, total: 40, label: '2 models' });
    const text = allText(reply);
    expect(text).toContain('10 / 40');
    expect(text).toContain('"Errors","value":"1"');
    expect(text).toContain('$0.0123');
    expect(text).toContain('about 2 min');
    expect(buttonsOf(reply).map((b) => b.action)).toEqual(['report.open', 'run.cancel']);
  });

  it('drops the time left and the cancel button once the run is over', () => {
    const reply = runProgressReply(
      runView({ status: 'completed', counts: { total: 40, done: 40, errors: 0, cached: 3 } }),
      {
        etaMs: 1000,
      },
    );
    const text = allText(reply);
    expect(text).not.toContain('Time left');
    expect(text).toContain('From cache');
    expect(buttonsOf(reply).map((b) => b.action)).toEqual(['report.open']);
  });
});

describe('runResultReply', () => {
  const chart = { filename: 'arithmetic.png', data: new Uint8Array([137, 80, 78, 71]) };

  it('ranks models with pass rate, CI, mean score, cost and p50 latency', () => {
    const reply = runResultReply(runView({ status: 'completed', summary: summary() }), chart);
    const table = messageBlocks(reply).find((block) => block.type === 'table');
    expect(table).toEqual({
      type: 'table',
      columns: ['#', 'model', 'pass rate [95% CI]', 'mean', 'cost', 'p50'],
      rows: [
        ['1', 'demo:smart', '90.0% [70.0%–100%]', '0.90', '$0.0100', '312 ms'],
        ['2', 'demo:fast', '65.0% [45.0%–75.0%]', '0.65', '$0.0020', '312 ms'],
      ],
    });
    expect(allText(reply)).toContain('**demo:smart** beats **demo:fast** by 0.25 mean score (p = 0.013)');
  });

  it('attaches the chart and offers Open report, Rerun and Export CSV', () => {
    const reply = runResultReply(runView({ status: 'completed', summary: summary() }), chart);
    expect(reply.attachments).toEqual([{ filename: 'arithmetic.png', contentType: 'image/png', data: chart.data }]);
    expect(messageBlocks(reply)).toContainEqual({
      type: 'image',
      attachment: 'arithmetic.png',
      alt: expect.any(String),
    });
    expect(buttonsOf(reply).map((b) => [b.label, b.url])).toEqual([
      ['Open report', 'https://bench.example.com/r/share123'],
      ['Rerun', undefined],
      ['Export CSV', undefined],
    ]);
  });

  it('says when no difference is significant, and when the run was simulated', () => {
    const text = allText(runResultReply(runView({ status: 'completed', summary: summary(false), simulated: true })));
    expect(text).toContain('No significant differences');
    expect(text).toContain('Simulated run');
  });
});

describe('historyReply', () => {
  it('lists runs with the best model and pages', () => {
    const run = runView({ status: 'completed', summary: summary() });
    const reply = historyReply('arithmetic', { items: [run], page: 1, pages: 2, total: 11 });
    expect(allText(reply)).toContain('demo:smart 90.0%');
    expect(buttonsOf(reply)).toEqual([
      { action: 'history.page', label: 'Older', value: '2:arithmetic', style: 'default' },
    ]);
  });
});

describe('errorReply', () => {
  it('shows an AppError its user message and hides anything else', () => {
    expect(allText(errorReply(new AppError('not_found', 'No benchmark named "x".')))).toContain('No benchmark named');
    const hidden = allText(errorReply(new Error('ECONNREFUSED 10.0.0.3:27017')));
    expect(hidden).not.toContain('ECONNREFUSED');
    expect(hidden).toContain('Something went wrong on our side');
    const input = errorReply(new InputError([{ path: 'cases.2.expected', caseNumber: 3, message: 'is missing' }]));
    expect(allText(input)).toContain('case 3');
  });
});

describe('builderForm', () => {
  it('keeps to five fields on Discord and adds file, system prompt and sampling on Slack', () => {
    const discord = FormSchema.parse(builderForm('discord'));
    expect(discord.fields.map((f) => f.id)).toEqual(['name', 'cases', 'models', 'scorer', 'description']);
    const slack = FormSchema.parse(builderForm('slack', { name: 'x' }, 'x'));
    expect(slack.fields.map((f) => f.id)).toEqual([
      'name',
      'cases',
      'file',
      'models',
      'scorer',
      'description',
      'system',
      'temperature',
      'max_tokens',
    ]);
    expect(slack.title).toBe('Edit benchmark');
    expect(slack.fields[0]?.value).toBe('x');
  });
});

describe('estimateReply', () => {
  const run = runView({ status: 'awaiting_confirmation', models: ['openai/gpt-4o-mini', 'acme/secret'] });

  it('shows expected and worst case per model, unknown prices, budget left, and Confirm/Cancel privately', () => {
    const reply = estimateReply({ run, estimate: estimate(), budget: budget(), needsConfirmation: true });
    expect(reply.private).toBe(true);
    const blocks = messageBlocks(reply);
    expect(blocks).toContainEqual({
      type: 'table',
      columns: ['model', 'calls', 'expected', 'worst case'],
      rows: [
        ['openai/gpt-4o-mini', '20', '$0.0005', '$0.0126'],
        ['acme/secret', '20', 'unpriced', 'unpriced'],
      ],
    });
    const text = allText(reply);
    expect(text).toContain('No price known for `acme/secret`');
    expect(text).toContain('$0.0050 left of $10.00');
    expect(text).toContain('exceeds what is left');
    expect(buttonsOf(reply).map((b) => [b.action, b.value])).toEqual([
      ['run.confirm', 'run123'],
      ['run.cancel', 'run123'],
    ]);
  });

  it('says a run below the threshold started, without buttons', () => {
    const reply = estimateReply({ run, estimate: estimate(), budget: budget(), needsConfirmation: false });
    expect(allText(reply)).toContain('started');
    expect(buttonsOf(reply)).toEqual([]);
  });
});
