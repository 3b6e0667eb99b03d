import { AppError, formatIssue, InputError, type InputIssue } from '../errors.ts';
import type { Actor } from '../use-cases/actor.ts';
import type { BenchmarkHub, SaveBenchmarkInput } from '../use-cases/hub.ts';
import { BENCHMARK_FORM_ID, FIELD } from './builder-form.ts';
import { definitionText } from './definition-text.ts';
import { benchmarkSavedReply } from './replies/benchmark.ts';
import type { Reply } from './reply.ts';

/** Submitted values by field id; (multi)selects give arrays, bots pass a downloaded file's text as `file`. */
export type FormValues = Record<string, string | string[]>;

// Slack shows field errors under the field; a few lines are readable, a wall is not.
const ERRORS_PER_FIELD = 3;

function text(values: FormValues, id: string): string {
  const value = values[id];
  return (Array.isArray(value) ? value.join('\n') : (value ?? '')).trim();
}

/** Model ids from a multiselect (array) or a text input (`a, b c`). */
function list(values: FormValues, id: string): string[] {
  const value = values[id];
  const items = Array.isArray(value) ? value : (value ?? '').split(/[\s,]+/);
  return items.map((item) => item.trim()).filter(Boolean);
}

function numberField(
  values: FormValues,
  id: string,
  check: (n: number) => boolean,
  expected: string,
  errors: Record<string, string>,
): number | undefined {
  const raw = text(values, id);
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) {
    errors[id] = `Expected ${expected}, got "${raw.slice(0, 20)}".`;
    return undefined;
  }
  return value;
}

/** Which form field an issue of the definition belongs to. */
function fieldOf(issue: InputIssue, casesField: string): string {
  const root = issue.path.split('.')[0] ?? '';
  if (root === 'name') return FIELD.name;
  if (root === 'description') return FIELD.description;
  if (root === 'models') return FIELD.models;
  if (root === 'system') return FIELD.system;
  if (issue.path === 'params.temperature') return FIELD.temperature;
  if (issue.path === 'params.max_tokens') return FIELD.maxTokens;
  return casesField;
}

/** Groups issues by form field, each message naming the case and line. */
function issuesToErrors(issues: InputIssue[], casesField: string, fieldIds: Set<string>): Record<string, string> {
  const grouped = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldOf(issue, casesField);
    // A field the platform's form does not show (Discord has no system prompt box) reports in the cases box.
    const target = fieldIds.has(field) ? field : casesField;
    grouped.set(target, [...(grouped.get(target) ?? []), formatIssue(issue)]);
  }
  return Object.fromEntries(
    [...grouped].map(([field, messages]) => {
      const more = messages.length > ERRORS_PER_FIELD ? [`…and ${messages.length - ERRORS_PER_FIELD} more`] : [];
      return [field, [...messages.slice(0, ERRORS_PER_FIELD), ...more].join('\n')];
    }),
  );
}

async function saveInput(
  hub: BenchmarkHub,
  actor: Actor,
  editing: string,
  values: FormValues,
  errors: Record<string, string>,
): Promise<SaveBenchmarkInput> {
  const file = text(values, FIELD.file);
  let definition = file || text(values, FIELD.cases);
  if (!definition && editing) {
    // An edit whose definition was too long for the box leaves it empty: keep the current cases.
    definition = definitionText((await hub.showBenchmark(actor, editing)).definition, actor.workspace.platform);
  }
  if (!definition) errors[FIELD.cases] = 'Add at least one case (e.g. `What is 2+2? => 4`), or upload a file.';
  const temperature = numberField(values, FIELD.temperature, (n) => n >= 0 && n <= 2, 'a number from 0 to 2', errors);
  const maxTokens = numberField(
    values,
    FIELD.maxTokens,
    (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000,
    'a whole number of tokens',
    errors,
  );
  const models = list(values, FIELD.models);
  const params = {
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
  };
  const overrides: NonNullable<SaveBenchmarkInput['overrides']> = {
    ...(FIELD.description in values ? { description: text(values, FIELD.description) } : {}),
    ...(text(values, FIELD.system) ? { system: text(values, FIELD.system) } : {}),
    ...(models.length > 0 ? { models } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(text(values, FIELD.scorer) ? { scorer: text(values, FIELD.scorer) } : {}),
  };
  const name = text(values, FIELD.name) || editing;
  return { text: definition, ...(name ? { name } : {}), overrides };
}

/**
 * Handles a submitted form. Problems come back as `form-errors` keyed by field id (the bots show
 * them next to the fields and keep the user's input); a saved benchmark as a channel message.
 */
export async function handleSubmission(
  hub: BenchmarkHub,
  actor: Actor,
  formId: string,
  state: string,
  values: FormValues,
): Promise<Reply> {
  if (formId !== BENCHMARK_FORM_ID) {
    throw new AppError('unknown_form', 'That form is out of date. Open it again with `/bench new`.');
  }
  const errors: Record<string, string> = {};
  const input = await saveInput(hub, actor, state, values, errors);
  if (Object.keys(errors).length > 0) return { kind: 'form-errors', errors };
  try {
    return benchmarkSavedReply(await hub.saveBenchmark(actor, input), state ? 'Updated' : 'Saved');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Refusals other than bad input (a limit, a permission) show at the top of the form, input kept.
    if (!(error instanceof InputError)) return { kind: 'form-errors', errors: { [FIELD.name]: error.userMessage } };
    const casesField = text(values, FIELD.file) ? FIELD.file : FIELD.cases;
    return { kind: 'form-errors', errors: issuesToErrors(error.issues, casesField, new Set(Object.keys(values))) };
  }
}
