/**
 * Converts the reply markup (`**bold**`, `_italic_`, `` `code` ``, `[label](url)`) to Slack mrkdwn.
 * Slack treats `&`, `<` and `>` as control characters, so user text is escaped first; our links
 * then become `<url|label>`.
 */
export function toMrkdwn(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(
      /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g,
      (_, label: string, url: string) => `<${url}|${label.replaceAll('|', '¦')}>`,
    )
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
}

/** Plain text for places without formatting (headers, buttons, option labels). */
export function toPlain(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1');
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits long text at line breaks into parts of at most `max` characters. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = line.length <= max ? line : clip(line, max);
  }
  if (current) parts.push(current);
  return parts;
}
