/** Where and why a JSON text is malformed. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
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
 * Finds the first syntax error of a JSON text with its line and column. `JSON.parse` only says
 * that a text is invalid (its message has no position), and a chat user needs to know where.
 */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stop = (message: string, offset = i): never => {
    throw new Stop(offset, message);
  };
  const describeHere = () => (i >= text.length ? 'the text ends too early' : `unexpected \`${text[i]}\``);
  const skipSpace = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const string = () => {
    const start = i++;
    for (;;) {
      const char = text[i];
      if (char === undefined) stop('a string is not closed with `"`', start);
      else if (char === '"') {
        i++;
        return;
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
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) stop(`the JSON is nested more than ${MAX_DEPTH} levels deep`);
    skipSpace();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          skipSpace();
          if (text[i] !== '"') stop(`expected a field name in double quotes, found ${describeHere()}`);
          string();
          skipSpace();
          if (text[i] !== ':') stop(`expected \`:\` after the field name, found ${describeHere()}`);
          i++;
        }
        value(depth + 1);
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
    value(0);
    skipSpace();
    if (i < text.length) stop(`unexpected text after the end of the JSON value: ${describeHere()}`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: error.offset - lineStart + 1, message: error.message };
  }
}
