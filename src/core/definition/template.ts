import { AppError } from '../errors.ts';
import type { Case } from './schema.ts';

/**
 * `{{ name }}` placeholders. Only plain names are placeholders: there are no expressions, filters
 * or code, so filling a template can never run anything. Braces around other text (JSON, code
 * samples) stay literal text.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Looks like a templating-engine expression (`{{ vars.x }}`, `{{ x | upper }}`) we do not evaluate. */
const EXPRESSION = /^[A-Za-z_][\w.-]*\s*(\|.*)?$/;

export interface TemplateScan {
  /** Variable names used, in order of first use. */
  names: string[];
  /** Placeholders that hold expressions, which are refused rather than rendered wrongly. */
  unsupported: string[];
}

/** Lists the variables a template needs. */
export function scanTemplate(template: string): TemplateScan {
  const names: string[] = [];
  const unsupported: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const inner = match[1] ?? '';
    if (NAME.test(inner)) {
      if (!names.includes(inner)) names.push(inner);
    } else if (EXPRESSION.test(inner)) unsupported.push(match[0]);
  }
  return { names, unsupported };
}

/**
 * Fills every placeholder from `vars`. Validation guarantees each name is present; a missing one
 * throws instead of silently rendering as an empty string.
 */
export function fillTemplate(template: string, vars: ReadonlyMap<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, inner: string) => {
    if (!NAME.test(inner)) return whole;
    const value = vars.get(inner);
    if (value === undefined)
      throw new AppError('template_variable_missing', `template variable \`${inner}\` has no value`);
    return value;
  });
}

/**
 * The variables a case offers its templates: its `vars`, then `input` (when it is text) and
 * `expected`, which win over vars of the same name because they are the case's own fields.
 * A Map, so names such as `constructor` never resolve to inherited object members.
 */
export function caseVariables(testCase: Pick<Case, 'vars' | 'input' | 'expected'>): Map<string, string> {
  const variables = new Map(Object.entries(testCase.vars ?? {}));
  if (typeof testCase.input === 'string') variables.set('input', testCase.input);
  if (testCase.expected !== undefined) variables.set('expected', testCase.expected);
  return variables;
}
