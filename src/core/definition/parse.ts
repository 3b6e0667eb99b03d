import { InputError } from '../errors.ts';
import { detectFormat } from './detect-format.ts';
import type { DefinitionFormat, ParsedDefinition, ParserOutput, ResolvedFormat } from './import-report.ts';
import { parseCsv } from './parse-csv.ts';
import { type ParsedDocument, parseDocumentText } from './parse-document.ts';
import { parseLines } from './parse-lines.ts';
import { parsePromptfoo } from './parse-promptfoo.ts';
import { checkDefinitionText, stripBom } from './text-checks.ts';
import { validateDefinition } from './validate.ts';

// Callers that parse text usually need these too; one import keeps use cases short.
export type { DefinitionFormat, ImportReport, ParsedDefinition } from './import-report.ts';
export { validateDefinition } from './validate.ts';

export interface ParseOptions {
  /** The text's format; `auto` (the default) detects it. */
  format?: DefinitionFormat;
  /**
   * Name for a definition whose text carries none (a table, chat lines, a config without description).
   * Without it such a definition is called “Untitled benchmark” and the report says so.
   */
  name?: string;
}

const FALLBACK_NAME = 'Untitled benchmark';
const PROMPTFOO_KEYS = ['prompts', 'providers', 'tests'];

const isFields = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const looksLikePromptfoo = (value: unknown): boolean =>
  isFields(value) && !Object.hasOwn(value, 'cases') && PROMPTFOO_KEYS.some((key) => Object.hasOwn(value, key));

/** A YAML/JSON document of our schema: a definition mapping, or a bare list of cases. */
function fromDocument(document: ParsedDocument): ParserOutput {
  const { value, lineOf, warnings } = document;
  if (Array.isArray(value)) {
    return {
      input: { cases: value },
      lineOf: (path) => lineOf(path.startsWith('cases.') ? path.slice('cases.'.length) : ''),
      ignored: [],
      warnings,
    };
  }
  if (!isFields(value)) {
    throw new InputError([{ path: '', message: 'expected a mapping with `name` and `cases`, or a list of cases' }]);
  }
  return { input: value, lineOf, ignored: [], warnings };
}

function readText(text: string, format: DefinitionFormat): [ResolvedFormat, ParserOutput] {
  const detected = format === 'auto' ? detectFormat(text) : format;
  switch (detected) {
    case 'csv':
      return ['csv', parseCsv(text, ',')];
    case 'tsv':
      return ['tsv', parseCsv(text, '\t')];
    case 'lines':
      return ['lines', parseLines(text)];
    default: {
      const json = detected === 'json' || (detected === 'promptfoo' && text.trimStart().startsWith('{'));
      const document = parseDocumentText(text, json ? 'json' : 'yaml');
      if (detected === 'promptfoo' || (format === 'auto' && looksLikePromptfoo(document.value))) {
        if (!isFields(document.value)) {
          throw new InputError([
            { path: '', message: 'a promptfoo config must be a mapping with `prompts` and `tests`' },
          ]);
        }
        const output = parsePromptfoo(document.value, document.lineOf);
        return ['promptfoo', { ...output, warnings: [...document.warnings, ...output.warnings] }];
      }
      return [json ? 'json' : 'yaml', fromDocument(document)];
    }
  }
}

/**
 * Parses a benchmark definition from text in any supported format and validates it.
 * Throws `InputError` listing every problem with its case number, line and field.
 */
export function parseDefinition(text: string, options: ParseOptions = {}): ParsedDefinition {
  const body = stripBom(text);
  const textIssues = checkDefinitionText(body);
  if (textIssues.length > 0) throw new InputError(textIssues);
  if (body.trim() === '') throw new InputError([{ path: '', message: 'the definition is empty' }]);
  const [format, output] = readText(body, options.format ?? 'auto');
  const warnings = [...output.warnings];
  const input = { ...output.input };
  if (input.name === undefined && options.name !== undefined) input.name = options.name;
  else if (input.name === undefined) {
    input.name = FALLBACK_NAME;
    warnings.push(`no name was given, so the benchmark is called “${FALLBACK_NAME}”`);
  }
  const definition = validateDefinition(input, { lineOf: output.lineOf });
  return {
    definition,
    report: { format, caseCount: definition.cases.length, ignored: output.ignored, warnings },
  };
}
