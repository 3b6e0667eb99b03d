import type { ReplyBlock } from '../../core/commands/reply.ts';
import { clip, splitText, toMrkdwn, toPlain } from './mrkdwn.ts';

// Slack's Block Kit limits: 50 blocks per message, 3,000 characters per section text,
// 10 fields of 2,000 characters, headers of 150, button labels of 75 and values of 2,000.
const MAX_BLOCKS = 50;
const SECTION_TEXT = 3000;
const FIELD_TEXT = 2000;
const MAX_FIELDS = 10;
const HEADER_TEXT = 150;

/** A Block Kit block; the fake Slack in the tests checks the shapes Slack accepts. */
export type Block = { type: string } & Record<string, unknown>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

function sections(text: string): Block[] {
  return splitText(toMrkdwn(text), SECTION_TEXT).map((part) => ({ type: 'section', text: mrkdwn(part) }));
}

/** Monospaced, padded columns; long tables continue in the next section. */
function table(columns: string[], rows: string[][]): Block[] {
  const all = [columns, ...rows].map((row) => row.map((cell) => toPlain(cell).replaceAll('`', "'")));
  const widths = columns.map((_, index) => Math.min(40, Math.max(...all.map((row) => (row[index] ?? '').length))));
  const lines = all.map((row) =>
    row
      .map((cell, index) => clip(cell, widths[index] ?? 40).padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  // Escape after padding so `&amp;` does not widen columns in the count.
  return splitText(lines.join('\n'), SECTION_TEXT - 8).map((part) => ({
    type: 'section',
    text: mrkdwn(`\`\`\`${part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}\`\`\``),
  }));
}

function progressBar(done: number, total: number, label: string): Block {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * 20);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
  return {
    type: 'section',
    text: mrkdwn(`\`${bar}\` ${Math.floor(share * 100)}%  ${done}/${total}  ${toMrkdwn(label)}`),
  };
}

function buttons(block: Extract<ReplyBlock, { type: 'buttons' }>): Block {
  return {
    type: 'actions',
    elements: block.buttons.map((button, index) => ({
      type: 'button',
      text: plain(clip(toPlain(button.label), 75)),
      // Action ids must be unique within a message; the suffix is cut off again when routing.
      action_id: `${button.action}#${index}`,
      value: clip(button.value, 2000) || '-',
      ...(button.style !== 'default' ? { style: button.style } : {}),
      ...(button.url ? { url: button.url } : {}),
    })),
  };
}

function render(block: ReplyBlock): Block[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(clip(toPlain(block.text), HEADER_TEXT)) }];
    case 'text':
      return sections(block.text);
    case 'fields':
      return Array.from({ length: Math.ceil(block.fields.length / MAX_FIELDS) }, (_, page) => ({
        type: 'section',
        fields: block.fields
          .slice(page * MAX_FIELDS, (page + 1) * MAX_FIELDS)
          .map((field) => mrkdwn(clip(`*${toMrkdwn(field.label)}*\n${toMrkdwn(field.value) || '—'}`, FIELD_TEXT))),
      }));
    case 'table':
      return table(block.columns, block.rows);
    case 'progress':
      return [progressBar(block.done, block.total, block.label)];
    case 'buttons':
      return block.buttons.length > 0 ? [buttons(block)] : [];
    case 'image':
      // The image itself is uploaded as a file next to the message (files.uploadV2).
      return [];
    case 'error':
      return sections(`:warning: ${block.text}`);
    case 'notice':
      return [{ type: 'context', elements: [mrkdwn(clip(toMrkdwn(block.text), SECTION_TEXT))] }];
  }
}

/** Reply blocks as Block Kit within Slack's limits; the last block is kept when trimming (buttons). */
export function renderBlocks(blocks: ReplyBlock[]): Block[] {
  const rendered = blocks.flatMap(render);
  if (rendered.length <= MAX_BLOCKS) return rendered;
  const last = rendered.at(-1)!;
  return [
    ...rendered.slice(0, MAX_BLOCKS - 2),
    { type: 'context', elements: [mrkdwn('…shortened to fit in Slack; the report has everything.')] },
    last,
  ];
}

/** The plain-text fallback Slack shows in notifications. */
export function renderFallback(text: string): string {
  return clip(toPlain(text), 3000);
}
