/** Formats recognisable from the text alone; YAML and JSON documents may still turn out to be promptfoo configs. */
export type TextFormat = 'json' | 'yaml' | 'csv' | 'tsv' | 'lines';

/** Top-level keys that make a text a YAML definition or promptfoo config rather than chat lines. */
const DOCUMENT_KEYS = new Set([
  'schema',
  'name',
  'description',
  'tags',
  'system',
  'prompt',
  'params',
  'samples',
  'models',
  'assert',
  'judge',
  'cases',
  'prompts',
  'providers',
  'tests',
  'defaultTest',
]);
const TABLE_COLUMNS = new Set(['input', 'question', 'prompt', 'expected', 'answer']);
const TOP_LEVEL_KEY = /^([A-Za-z_][\w-]*)\s*:(?:\s|$)/;
const QUESTION_LINE = /^\s*(?:\d+[.)]\s*)?Q\s*[:：]/i;

function headerCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
}

/**
 * Guesses the format of a definition text from its first meaningful line: JSON by its bracket,
 * YAML by a known top-level key, a table by a header naming an input or expected column,
 * otherwise the quick line format (which accepts any text).
 */
export function detectFormat(text: string): TextFormat {
  const trimmed = text.trim();
  // `[easy] 2+2 => 4` is a chat line; `[{…` or `["…` is JSON even when cut short (its error then says where).
  if (trimmed.startsWith('{') || /^\[\s*[[{"\]]/.test(trimmed) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    return 'json';
  }
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.find((line) => line.trim() !== '' && !line.trimStart().startsWith('#')) ?? '';
  if (first.startsWith('---') || first.startsWith('%YAML')) return 'yaml';
  if (QUESTION_LINE.test(first)) return 'lines';
  const firstKey = TOP_LEVEL_KEY.exec(first)?.[1];
  if (firstKey !== undefined && DOCUMENT_KEYS.has(firstKey)) return 'yaml';
  if (first.includes('\t') && headerCells(first, '\t').some((cell) => TABLE_COLUMNS.has(cell))) return 'tsv';
  if (first.includes(',') && headerCells(first, ',').some((cell) => TABLE_COLUMNS.has(cell))) return 'csv';
  return 'lines';
}
