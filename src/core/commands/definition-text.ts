import { stringify } from 'yaml';
import type { ResolvedDefinition } from '../definition/schema.ts';
import type { Platform } from '../use-cases/actor.ts';
import { type BuilderValues, CASES_MAX_LENGTH } from './builder-form.ts';

/** Definition keys the builder shows as their own fields, so the cases text leaves them out. */
function formKeys(platform: Platform): (keyof ResolvedDefinition)[] {
  const shared: (keyof ResolvedDefinition)[] = ['name', 'description', 'models'];
  return platform === 'slack' ? [...shared, 'system', 'params'] : shared;
}

/** The definition as editable YAML without the fields the form shows separately. */
export function definitionText(definition: ResolvedDefinition, platform: Platform): string {
  const omitted = new Set<string>(formKeys(platform));
  const rest = Object.fromEntries(Object.entries(definition).filter(([key]) => !omitted.has(key)));
  return stringify({ name: definition.name, ...rest }, { lineWidth: 0 });
}

/**
 * Form values for editing a definition. A definition too long for the cases box leaves it empty:
 * an empty box on an edit keeps the current cases (see `handleSubmission`).
 */
export function builderValuesOf(definition: ResolvedDefinition, platform: Platform): BuilderValues {
  const text = definitionText(definition, platform);
  return {
    name: definition.name,
    description: definition.description,
    cases: text.length <= CASES_MAX_LENGTH ? text : '',
    models: definition.models,
    system: definition.system ?? '',
    temperature: definition.params.temperature === undefined ? '' : String(definition.params.temperature),
    maxTokens: definition.params.max_tokens === undefined ? '' : String(definition.params.max_tokens),
  };
}
