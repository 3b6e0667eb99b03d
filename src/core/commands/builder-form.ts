import type { Platform } from '../use-cases/actor.ts';
import type { Form, FormField } from './reply.ts';

/** Routes a builder submission back to `handleSubmission`. */
export const BENCHMARK_FORM_ID = 'benchmark.save';

/** Default scorers offered in the builder; any other scorer can be written in the cases text. */
export const SCORER_OPTIONS = [
  { value: 'equals', label: 'Exact match (normalised)' },
  { value: 'icontains', label: 'Contains the answer' },
  { value: 'numeric', label: 'Final number' },
  { value: 'choice', label: 'Multiple choice letter' },
  { value: 'regex', label: 'Regular expression' },
  { value: 'is-json', label: 'Valid JSON' },
  { value: 'levenshtein', label: 'Similar text' },
  { value: 'rouge-l', label: 'ROUGE-L overlap' },
  { value: 'llm-judge', label: 'LLM judge' },
] as const;

/** Values to show in the form: empty for `new`, the current definition for `edit`, the user's input after an error. */
export interface BuilderValues {
  name?: string;
  description?: string;
  cases?: string;
  scorer?: string;
  models?: string[];
  system?: string;
  temperature?: string;
  maxTokens?: string;
}

/** Field ids; `handleSubmission` reads the same ids back. */
export const FIELD = {
  name: 'name',
  description: 'description',
  cases: 'cases',
  file: 'file',
  scorer: 'scorer',
  models: 'models',
  system: 'system',
  temperature: 'temperature',
  maxTokens: 'max_tokens',
} as const;

// Slack's plain_text_input holds at most 3,000 characters; Discord's text input 4,000.
export const CASES_MAX_LENGTH = 3000;

/**
 * The benchmark builder. Every platform gets the five core fields first (Discord modals hold
 * five components); Slack's modal also has the file input, system prompt and sampling fields.
 * `state` is the name of the benchmark being edited, empty for a new one.
 */
export function builderForm(platform: Platform, values: BuilderValues = {}, state = ''): Form {
  const fields: FormField[] = [
    {
      id: FIELD.name,
      label: 'Name',
      kind: 'text',
      required: true,
      value: values.name ?? '',
      selected: [],
      placeholder: 'support bot answers',
      hint: '',
      maxLength: 100,
      options: [],
    },
    {
      id: FIELD.cases,
      label: 'Cases',
      kind: 'multiline',
      required: false,
      value: values.cases ?? '',
      selected: [],
      placeholder: 'What is 2+2? => 4\nCapital of France? => Paris',
      hint: 'One `question => answer` per line, or YAML, JSON or CSV with a header row.',
      maxLength: CASES_MAX_LENGTH,
      options: [],
    },
    {
      id: FIELD.models,
      label: 'Models',
      kind: 'multiselect',
      required: false,
      value: '',
      selected: values.models ?? [],
      placeholder: platform === 'slack' ? 'Search models' : 'openai/gpt-4o-mini, demo:fast',
      hint: 'Empty: the workspace default models.',
      options: [],
    },
    {
      id: FIELD.scorer,
      label: 'Scoring',
      kind: 'select',
      required: false,
      value: '',
      selected: values.scorer ? [values.scorer] : [],
      placeholder: 'Exact match',
      hint: 'Used when the cases name no scorer of their own.',
      options: SCORER_OPTIONS.map((option) => ({ ...option })),
    },
    {
      id: FIELD.description,
      label: 'Description',
      kind: 'multiline',
      required: false,
      value: values.description ?? '',
      selected: [],
      placeholder: 'What this benchmark checks',
      hint: '',
      maxLength: 2000,
      options: [],
    },
  ];
  if (platform === 'slack') {
    fields.splice(2, 0, {
      id: FIELD.file,
      label: 'Or upload a file',
      kind: 'file',
      required: false,
      value: '',
      selected: [],
      placeholder: '',
      hint: 'CSV, YAML or JSON; it replaces the cases above.',
      options: [],
    });
    fields.push(
      textField(FIELD.system, 'System prompt', values.system ?? '', 'multiline', 'You are a helpful assistant.'),
      textField(FIELD.temperature, 'Temperature', values.temperature ?? '', 'text', '0'),
      textField(FIELD.maxTokens, 'Max tokens', values.maxTokens ?? '', 'text', '512'),
    );
  }
  return {
    id: BENCHMARK_FORM_ID,
    state,
    title: state ? 'Edit benchmark' : 'New benchmark',
    submitLabel: 'Save',
    fields,
  };
}

function textField(
  id: string,
  label: string,
  value: string,
  kind: 'text' | 'multiline',
  placeholder: string,
): FormField {
  return { id, label, kind, required: false, value, selected: [], placeholder, hint: '', options: [] };
}
