import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Button, Reply, ReplyAttachment, ReplyBlock } from '../../core/commands/reply.ts';

/** A rendered message, independent of whether it goes out through an interaction or the channel API. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: ReplyAttachment[];
  /** Only the requester sees it (interaction responses only). */
  ephemeral: boolean;
}

/** Encodes a button's action and value into a custom id (see `buttonId`). */
export type ButtonIdEncoder = (action: string, value: string) => string;

// Discord's limits (API v10): embed description 4096, field name 256 / value 1024, 25 fields, 6000
// characters across an embed, 5 buttons per row, 5 rows, 80-character button labels.
const LIMITS = { description: 4096, title: 256, fieldName: 256, fieldValue: 1024, fields: 25, embed: 6000 } as const;
const COLOR = { normal: 0x5865f2, error: 0xed4245 } as const;
const BAR_WIDTH = 20;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** The neutral markup is Discord markdown already (`**bold**`, `_italic_`, `` `code` ``, links); titles show it raw. */
function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}

/** A text progress bar: `▰▰▰▱▱▱ 50% · 6/12 · label`. */
export function progressBar(done: number, total: number, label: string): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'▰'.repeat(filled)}${'▱'.repeat(BAR_WIDTH - filled)}`;
  return `${bar} ${Math.round(ratio * 100)}% · ${done}/${total}${label ? ` · ${label}` : ''}`;
}

/** A table as an aligned, monospaced code block, cut to `max` characters at a row boundary. */
export function tableBlock(columns: string[], rows: string[][], max = 2000): string {
  const all = [columns, ...rows];
  const widths = columns.map((_, i) => Math.min(40, Math.max(...all.map((row) => (row[i] ?? '').length))));
  const line = (row: string[]) =>
    widths
      .map((width, i) => clip(row[i] ?? '', width).padEnd(width))
      .join('  ')
      .trimEnd();
  const lines = [line(columns), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)];
  const kept: string[] = [];
  let length = 8;
  for (const [index, text] of lines.entries()) {
    const more = `… ${lines.length - index} more rows`;
    if (length + text.length + 1 + more.length + 1 > max) {
      kept.push(more);
      break;
    }
    kept.push(text);
    length += text.length + 1;
  }
  return `\`\`\`\n${kept.join('\n')}\n\`\`\``;
}

function buttonJson(button: Button, encode: ButtonIdEncoder): APIButtonComponent {
  const label = clip(button.label, 80);
  if (button.url) return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: button.url };
  const style =
    button.style === 'primary'
      ? ButtonStyle.Primary
      : button.style === 'danger'
        ? ButtonStyle.Danger
        : ButtonStyle.Secondary;
  return { type: ComponentType.Button, style, label, custom_id: encode(button.action, button.value) };
}

/** Buttons in rows of five, at most five rows; a repeated custom id (Discord refuses them) is dropped. */
export function buttonRows(buttons: Button[], encode: ButtonIdEncoder): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Set<string>();
  const components = buttons
    .filter((button) => {
      const key = button.url ? `url:${button.url}` : `${button.action}|${button.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((button) => buttonJson(button, encode));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < components.length && rows.length < 5; i += 5) {
    rows.push({ type: ComponentType.ActionRow, components: components.slice(i, i + 5) });
  }
  return rows;
}

function embedOf(blocks: ReplyBlock[], attachments: ReplyAttachment[]): APIEmbed {
  const embed: APIEmbed = { color: COLOR.normal };
  const paragraphs: string[] = [];
  const fields: { name: string; value: string; inline: boolean }[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        if (embed.title === undefined) embed.title = clip(plain(block.text), LIMITS.title);
        else paragraphs.push(`**${block.text}**`);
        break;
      case 'text':
        paragraphs.push(block.text);
        break;
      case 'fields':
        for (const field of block.fields) {
          const name = clip(field.label || '\u200b', LIMITS.fieldName);
          const value = clip(field.value || '—', LIMITS.fieldValue);
          if (fields.length < LIMITS.fields) fields.push({ name, value, inline: value.length <= 40 });
          else paragraphs.push(`**${name}**: ${value}`);
        }
        break;
      case 'table':
        paragraphs.push(tableBlock(block.columns, block.rows));
        break;
      case 'progress':
        paragraphs.push(progressBar(block.done, block.total, block.label));
        break;
      case 'image':
        if (attachments.some((file) => file.filename === block.attachment)) {
          embed.image = { url: `attachment://${block.attachment}` };
        }
        break;
      case 'error':
        embed.color = COLOR.error;
        paragraphs.push(`❌ ${block.text}`);
        break;
      case 'notice':
        paragraphs.push(`ℹ️ ${block.text}`);
        break;
      case 'buttons':
        break;
    }
  }
  // 6000 characters for the whole embed: the text keeps up to 2000 of them, fields take what is left.
  const size = (field: { name: string; value: string }) => field.name.length + field.value.length;
  const reserve = Math.min(paragraphs.join('\n\n').length, 2000) + 40;
  let fieldBudget = LIMITS.embed - (embed.title?.length ?? 0) - reserve;
  const kept: typeof fields = [];
  for (const field of fields) {
    fieldBudget -= size(field);
    if (fieldBudget < 0) break;
    kept.push(field);
  }
  if (kept.length < fields.length) paragraphs.push(`…and ${fields.length - kept.length} more fields`);
  if (kept.length > 0) embed.fields = kept;
  const used = (embed.title?.length ?? 0) + kept.reduce((sum, field) => sum + size(field), 0);
  const description = paragraphs.join('\n\n');
  if (description) embed.description = clipDescription(description, Math.min(LIMITS.description, LIMITS.embed - used));
  return embed;
}

/** Cuts a description without leaving a code block open. */
function clipDescription(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = clip(text, max - 4);
  if ((cut.match(/```/g)?.length ?? 0) % 2 === 1) cut = `${cut}\n\`\`\``;
  return cut;
}

/**
 * Renders a message or file reply as one embed (title from the first header, text, tables as code
 * blocks, fields, progress bar, image) with buttons in action rows and attachments as files.
 */
export function renderMessage(
  reply: Extract<Reply, { kind: 'message' | 'file' }>,
  encode: ButtonIdEncoder,
): DiscordMessage {
  if (reply.kind === 'file') {
    return {
      content: clip(reply.text, 2000),
      embeds: [],
      components: [],
      files: [reply.attachment],
      ephemeral: reply.private,
    };
  }
  const files = reply.attachments ?? [];
  const buttons = reply.blocks.flatMap((block) => (block.type === 'buttons' ? block.buttons : []));
  const hasEmbedContent = reply.blocks.some((block) => block.type !== 'buttons');
  return {
    content: hasEmbedContent ? '' : clip(reply.text, 2000),
    embeds: hasEmbedContent ? [embedOf(reply.blocks, files)] : [],
    components: buttonRows(buttons, encode),
    files,
    ephemeral: reply.private,
  };
}
