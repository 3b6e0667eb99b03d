import { InputError } from '../errors.ts';

// Slack and phone keyboards turn straight quotes into curly ones; accept both.
const OPENING: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»' };

/**
 * Splits command text on whitespace, keeping quoted parts together:
 * `run "support bot" gpt-4o` → `run`, `support bot`, `gpt-4o`.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const closing = OPENING[char];
    if (closing !== undefined) {
      const end = text.indexOf(closing, index + 1);
      if (end === -1) {
        throw new InputError([{ path: '', message: `A quote opened at character ${index + 1} is never closed.` }]);
      }
      tokens.push(text.slice(index + 1, end));
      index = end + 1;
      continue;
    }
    let end = index;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    tokens.push(text.slice(index, end));
    index = end;
  }
  return tokens;
}
