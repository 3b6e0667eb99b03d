/** Where and why a JSON text is malformed. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

/** What a strict pass over a JSON text learns: its first error, or the line of every member and item. */
export interface JsonScan {
  error?: JsonSyntaxError;
  /** Dotted path (`cases.2.expected`) → 1-based line. */
  lines: Map<string, number>;
  /** Keys repeated within one object, with the line of the repeat. */
  duplicates: Array<{ path: string; line: number }>;
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Stop {
  readonly offset: number;
  readonly message: string;
  constructor(offset: number, message: string) {
    this.offset = offset;
    this.message = message;
  }
}

/**
 * Checks a JSON text strictly and maps its structure to lines. `JSON.parse` gives the value fast
 * but no position for errors, and YAML parsers accept JSON mistakes and are slow on large texts.
 */
export function scanJson(text: string): JsonScan {
  const lines = new Map<string, number>();
  const duplicates: JsonScan['duplicates'] = [];
  let i = 0;
  let line = 1;
  const stop = (message: string, offset = i): never => {
    throw new Stop(offset, message);
  };
  const describeHere = () => (i >= text.length ? 'the text ends too early' : `unexpected \`${text[i]}\``);
  const skipSpace = () => {
    for (;;) {
      const char = text[i];
      if (char === '\n') line++;
      else if (char !== ' ' && char !== '\t' && char !== '\r') return;
      i++;
    }
  };
  /** Reads a string and returns its raw contents (escapes undecoded). */
  const string = (): string => {
    const start = i++;
    for (;;) {
      const char = text[i];
      if (char === undefined) stop('a string is not closed with `"`', start);
      else if (char === '"') {
        i++;
        return text.slice(start + 1, i - 1);
      } else if (char === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) stop('`\\u` must be followed by four hex digits');
          i += 6;
        } else if (ESCAPES.has(next)) i += 2;
        else stop(`\`\\${next}\` is not a valid escape`);
      } else if (char.charCodeAt(0) < 0x20) stop('a line break or control character inside a string must be escaped');
      else i++;
    }
  };
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  const value = (path: string, depth: number): void => {
    if (depth > MAX_DEPTH) stop(`the JSON is nested more than ${MAX_DEPTH} levels deep`);
    skipSpace();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      const keys = new Set<string>();
      i++;
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        let childPath: string;
        if (close === '}') {
          skipSpace();
          if (text[i] !== '"') stop(`expected a field name in double quotes, found ${describeHere()}`);
          const raw = string();
          const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          childPath = join(path, key);
          if (keys.has(key)) duplicates.push({ path: childPath, line });
          keys.add(key);
          lines.set(childPath, line);
          skipSpace();
          if (text[i] !== ':') stop(`expected \`:\` after the field name, found ${describeHere()}`);
          i++;
        } else {
          childPath = join(path, String(index));
          skipSpace();
          lines.set(childPath, line);
        }
        value(childPath, depth + 1);
        skipSpace();
        if (text[i] === close) {
          i++;
          return;
        }
        if (text[i] !== ',') stop(`expected \`,\` or \`${close}\`, found ${describeHere()}`);
        i++;
        skipSpace();
        if (text[i] === close) stop(`a comma before \`${close}\` is not allowed in JSON`);
      }
    }
    if (char === '"') {
      string();
      return;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    stop(`expected a value, found ${describeHere()}`);
  };
  try {
    value('', 0);
    skipSpace();
    if (i < text.length) stop(`unexpected text after the end of the JSON value: ${describeHere()}`);
    return { lines, duplicates };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const column = error.offset - lineStart + 1;
    return { error: { line: before.split('\n').length, column, message: error.message }, lines, duplicates };
  }
}
