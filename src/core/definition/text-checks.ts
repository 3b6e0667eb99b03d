import type { InputIssue } from '../errors.ts';
import { LIMITS } from './schema.ts';

/** Length of `text` in UTF-8 bytes, without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair is one code point of 4 bytes; a lone surrogate encodes as U+FFFD (3 bytes).
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Whether `text` is longer than `limit` UTF-8 bytes; skips the count when the length alone decides. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8ByteLength(text) > limit;
}

/** Human size for messages: `32 KB`, `5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** The byte order mark some editors and spreadsheet exports put in front of the text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first C0 control other than tab, line feed and carriage return (or DEL), or -1. */
function firstControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f) return i;
  }
  return -1;
}

/**
 * Checks a definition text before any parser sees it: the size limit (so a huge paste costs
 * nothing to refuse) and control bytes, which mean a binary file was uploaded by mistake.
 */
export function checkDefinitionText(text: string): InputIssue[] {
  if (exceedsBytes(text, LIMITS.maxDefinitionBytes)) {
    return [
      {
        path: '',
        message: `the definition is larger than ${formatBytes(LIMITS.maxDefinitionBytes)}; split it into smaller benchmarks`,
      },
    ];
  }
  const offset = firstControl(text);
  if (offset !== -1) {
    const line = lineAt(text, offset);
    const code = text.charCodeAt(offset).toString(16).padStart(2, '0');
    return [
      {
        path: '',
        line,
        message: `the text contains a control character (0x${code}); this looks like a binary file, not a text definition`,
      },
    ];
  }
  return [];
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
