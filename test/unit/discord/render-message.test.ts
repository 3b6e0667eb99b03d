import { describe, expect, it } from 'vitest';
import { progressBar, renderMessage, tableBlock } from '../../../src/bots/discord/render-message.ts';
import type { Reply } from '../../../src/core/commands/reply.ts';
import { messageProblems } from '../../support/fake-discord-limits.ts';

const encode = (action: string, value: string) => `b|${action}|${value}`;
type MessageReply = Extract<Reply, { kind: 'message' }>;

function reply(blocks: MessageReply['blocks'], extra: Partial<MessageReply> = {}): MessageReply {
  return { kind: 'message', text: 'fallback', blocks, private: false, ...extra };
}

describe('renderMessage', () => {
  it('puts header, text, fields, table and progress in one embed, buttons in a row', () => {
    const message = renderMessage(
      reply([
        { type: 'header', text: 'Results: **math** v2' },
        { type: 'text', text: 'Ran **3** models' },
        { type: 'fields', fields: [{ label: 'Cost', value: '$0.01' }] },
        { type: 'table', columns: ['model', 'pass'], rows: [['demo:smart', '90%']] },
        { type: 'progress', done: 5, total: 10, label: '3 models' },
        { type: 'notice', text: 'Simulated' },
        {
          type: 'buttons',
          buttons: [
            { action: 'report.open', label: 'Open report', value: '', style: 'default', url: 'http://localhost/r/1' },
            { action: 'run.rerun', label: 'Rerun', value: 'r1', style: 'primary' },
          ],
        },
      ]),
      encode,
    );
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Results: math v2');
    expect(embed?.description).toContain('Ran **3** models');
    expect(embed?.description).toContain('```\nmodel       pass');
    expect(embed?.description).toContain('▰▰▰▰▰▰▰▰▰▰▱▱▱▱▱▱▱▱▱▱ 50% · 5/10 · 3 models');
    expect(embed?.fields).toEqual([{ name: 'Cost', value: '$0.01', inline: true }]);
    expect(message.components[0]?.components).toEqual([
      { type: 2, style: 5, label: 'Open report', url: 'http://localhost/r/1' },
      { type: 2, style: 1, label: 'Rerun', custom_id: 'b|run.rerun|r1' },
    ]);
    expect(messageProblems(message as unknown as Record<string, unknown>, 0, false)).toEqual([]);
  });

  it('keeps within Discord limits however much there is', () => {
    const long = 'x'.repeat(5000);
    const message = renderMessage(
      reply([
        { type: 'header', text: long },
        { type: 'text', text: long },
        { type: 'fields', fields: Array.from({ length: 40 }, (_, i) => ({ label: `f${i}`, value: long })) },
        { type: 'table', columns: ['a', 'b'], rows: Array.from({ length: 500 }, (_, i) => [String(i), long]) },
        {
          type: 'buttons',
          buttons: Array.from({ length: 5 }, (_, i) => ({
            action: 'a',
            label: `b${i}`,
            value: String(i),
            style: 'default' as const,
          })),
        },
        {
          type: 'buttons',
          buttons: Array.from({ length: 3 }, (_, i) => ({
            action: 'a',
            label: `c${i}`,
            value: `c${i}`,
            style: 'danger' as const,
          })),
        },
      ]),
      encode,
    );
    expect(messageProblems(message as unknown as Record<string, unknown>, 0, false)).toEqual([]);
    expect(message.components.map((row) => row.components.length)).toEqual([5, 3]);
  });

  it('shows an image from the attachments and marks errors in red; private replies are ephemeral', () => {
    const message = renderMessage(
      reply(
        [
          { type: 'error', text: 'Run failed' },
          { type: 'image', attachment: 'chart.png', alt: 'chart' },
        ],
        {
          private: true,
          attachments: [{ filename: 'chart.png', contentType: 'image/png', data: new Uint8Array([1, 2]) }],
        },
      ),
      encode,
    );
    expect(message.embeds[0]?.image).toEqual({ url: 'attachment://chart.png' });
    expect(message.embeds[0]?.color).toBe(0xed4245);
    expect(message.embeds[0]?.description).toBe('❌ Run failed');
    expect(message.files.map((file) => file.filename)).toEqual(['chart.png']);
    expect(message.ephemeral).toBe(true);
  });

  it('sends a file reply as content with the file', () => {
    const message = renderMessage(
      {
        kind: 'file',
        text: 'Results of run r1',
        private: true,
        attachment: { filename: 'r1.csv', contentType: 'text/csv', data: new TextEncoder().encode('a,b') },
      },
      encode,
    );
    expect(message).toMatchObject({ content: 'Results of run r1', embeds: [], ephemeral: true });
    expect(message.files).toHaveLength(1);
  });
});

describe('text helpers', () => {
  it('draws empty and full bars', () => {
    expect(progressBar(0, 0, '')).toBe(`${'▱'.repeat(20)} 0% · 0/0`);
    expect(progressBar(12, 12, 'done')).toBe(`${'▰'.repeat(20)} 100% · 12/12 · done`);
  });

  it('cuts a long table at a row boundary and says how much is left', () => {
    const block = tableBlock(
      ['n'],
      Array.from({ length: 100 }, (_, i) => [`row${i}`]),
      200,
    );
    expect(block.length).toBeLessThanOrEqual(200);
    expect(block).toMatch(/… \d+ more rows\n```$/);
  });
});
