import type { ParserOutput } from './import-report.ts';
import { IgnoredList, mapPromptfooAssertions } from './promptfoo-assertions.ts';
import type { LineOf } from './zod-issues.ts';

/** promptfoo config keys read by the import; every other top-level key is reported as ignored. */
const HANDLED = new Set(['description', 'prompts', 'providers', 'tests', 'defaultTest']);
const NAME_LENGTH = 100;
const DESCRIPTION_LENGTH = 2000;

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Our path prefix → the promptfoo path it came from, to put source lines on messages. */
type Origins = Map<string, string>;

function translateLines(origins: Origins, documentLineOf: LineOf): LineOf {
  return (path) => {
    let prefix = path;
    for (;;) {
      const origin = origins.get(prefix);
      if (origin !== undefined) return documentLineOf(origin + path.slice(prefix.length));
      const dot = prefix.lastIndexOf('.');
      if (dot === -1) return documentLineOf(path);
      prefix = prefix.slice(0, dot);
    }
  };
}

/** A chat prompt written as JSON (`[{"role": "system", …}, {"role": "user", …}]`), split into system and user text. */
function chatPrompt(text: string): { system?: string; prompt: string } | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  let messages: unknown;
  try {
    messages = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(messages) || !messages.every((m) => isFields(m) && typeof m.content === 'string'))
    return undefined;
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content as string);
  const users = messages.filter((m) => m.role === 'user');
  if (users.length !== 1 || system.length + users.length !== messages.length) return undefined;
  const prompt = users[0].content as string;
  return system.length > 0 ? { system: system.join('\n\n'), prompt } : { prompt };
}

function importPrompt(prompts: unknown, output: Fields, ignored: IgnoredList, warnings: Set<string>): void {
  const list = typeof prompts === 'string' ? [prompts] : Array.isArray(prompts) ? prompts : undefined;
  if (list === undefined) {
    if (prompts !== undefined) ignored.add('`prompts` written as a mapping');
    return;
  }
  let used = false;
  list.forEach((item: unknown, index) => {
    const raw = typeof item === 'string' ? item : isFields(item) && typeof item.raw === 'string' ? item.raw : undefined;
    const reference = typeof item === 'string' ? item : isFields(item) && typeof item.id === 'string' ? item.id : '';
    if (raw === undefined || raw.startsWith('file://')) {
      ignored.add(reference.startsWith('file://') ? `prompt file \`${reference}\`` : `prompts.${index}`);
      return;
    }
    if (used) {
      ignored.add(`prompts.${index}: only the first prompt is used`);
      return;
    }
    used = true;
    const chat = chatPrompt(raw);
    if (chat) Object.assign(output, chat);
    else {
      if (raw.trimStart().startsWith('['))
        warnings.add('the prompt looks like a chat message list but was kept as text');
      output.prompt = raw;
    }
  });
  if (!used) warnings.add('no prompt could be imported, so each test’s `input` variable is sent as it is');
}

/** `openrouter:vendor/model` → `vendor/model`; `openai:[chat:]model` → `openai:model`; others are not supported. */
function modelRef(id: string): string | undefined {
  const openrouter = /^openrouter:(.+)$/.exec(id);
  if (openrouter) return openrouter[1];
  const openai = /^openai:(?:chat:)?([^:]+)$/.exec(id);
  return openai ? `openai:${openai[1]}` : undefined;
}

function importProviders(providers: unknown, ignored: IgnoredList): string[] {
  let entries: Array<{ id: unknown; rest: string[] }>;
  if (typeof providers === 'string') entries = [{ id: providers, rest: [] }];
  else if (Array.isArray(providers)) {
    entries = providers.map((item: unknown) =>
      isFields(item) ? { id: item.id, rest: Object.keys(item).filter((key) => key !== 'id') } : { id: item, rest: [] },
    );
  } else if (isFields(providers)) entries = Object.keys(providers).map((id) => ({ id, rest: ['config'] }));
  else return [];
  const models: string[] = [];
  for (const { id, rest } of entries) {
    const ref = typeof id === 'string' ? modelRef(id) : undefined;
    if (ref === undefined) {
      ignored.add(typeof id === 'string' ? `provider \`${id}\`` : 'a provider without an `id`');
      continue;
    }
    if (!models.includes(ref)) models.push(ref);
    for (const key of rest) ignored.add(`providers: \`${key}\` of \`${id}\``);
  }
  return models;
}

/** Scalar vars become text; promptfoo's list vars (one test per value) and objects have no equivalent. */
function importVars(vars: unknown, where: string, ignored: IgnoredList): Record<string, unknown> {
  if (vars === undefined) return {};
  if (!isFields(vars)) {
    ignored.add(`${where}.vars (not a mapping, e.g. a file reference)`);
    return {};
  }
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'string' && value.startsWith('file://'))
      ignored.add(`${where}.vars.${name}: a file reference`);
    else if (['string', 'number', 'boolean'].includes(typeof value)) kept[name] = value;
    else if (Array.isArray(value)) ignored.add(`${where}.vars.${name}: a list (promptfoo makes one test per value)`);
    else ignored.add(`${where}.vars.${name}: not text or a number`);
  }
  return kept;
}

/**
 * Imports a promptfoo config (already parsed from YAML or JSON): the first prompt, OpenRouter and
 * OpenAI providers, tests with their vars and assertions, and `defaultTest`. Everything without a
 * meaning here is listed in `ignored`; lossy mappings are listed in `warnings`.
 */
export function parsePromptfoo(config: Fields, documentLineOf: LineOf): ParserOutput {
  const ignored = new IgnoredList();
  const warnings = new Set<string>();
  const origins: Origins = new Map([
    ['name', 'description'],
    ['description', 'description'],
    ['prompt', 'prompts'],
    ['system', 'prompts'],
    ['models', 'providers'],
  ]);
  const output: Fields = {};
  for (const key of Object.keys(config)) if (!HANDLED.has(key)) ignored.add(`\`${key}\``);

  if (typeof config.description === 'string' && config.description.trim() !== '') {
    const description = config.description.trim();
    const firstLine = description.split('\n')[0]!.trim();
    output.name = firstLine.length > NAME_LENGTH ? `${firstLine.slice(0, NAME_LENGTH - 1)}…` : firstLine;
    output.description = description.slice(0, DESCRIPTION_LENGTH);
    if (description.length > DESCRIPTION_LENGTH)
      warnings.add(`the description was cut to ${DESCRIPTION_LENGTH} characters`);
  }
  importPrompt(config.prompts, output, ignored, warnings);
  const models = importProviders(config.providers, ignored);
  if (models.length > 0) output.models = models;

  const defaults = isFields(config.defaultTest) ? config.defaultTest : {};
  if (config.defaultTest !== undefined && !isFields(config.defaultTest)) ignored.add('`defaultTest` (not a mapping)');
  for (const key of Object.keys(defaults)) if (key !== 'vars' && key !== 'assert') ignored.add(`defaultTest.${key}`);
  const defaultVars = importVars(defaults.vars, 'defaultTest', ignored);
  const defaultAsserts = mapPromptfooAssertions(defaults.assert, 'defaultTest.assert', ignored, warnings);
  if (defaultAsserts.length > 0) output.assert = defaultAsserts.map((mapped) => mapped.assertion);
  defaultAsserts.forEach((mapped, index) => {
    origins.set(`assert.${index}`, `defaultTest.assert.${mapped.source}`);
  });

  const tests = Array.isArray(config.tests) ? config.tests : [];
  if (config.tests !== undefined && !Array.isArray(config.tests))
    ignored.add('`tests` (not a list, e.g. a file reference)');
  const cases: Fields[] = [];
  tests.forEach((test: unknown, testIndex) => {
    if (!isFields(test)) {
      ignored.add('tests: an entry that is not a mapping (e.g. a file reference)');
      return;
    }
    const caseIndex = cases.length;
    origins.set(`cases.${caseIndex}`, `tests.${testIndex}`);
    const testCase: Fields = { vars: { ...defaultVars, ...importVars(test.vars, 'tests[]', ignored) } };
    const asserts = mapPromptfooAssertions(test.assert, 'tests[].assert', ignored, warnings);
    if (asserts.length > 0) testCase.assert = asserts.map((mapped) => mapped.assertion);
    asserts.forEach((mapped, index) => {
      origins.set(`cases.${caseIndex}.assert.${index}`, `tests.${testIndex}.assert.${mapped.source}`);
    });
    if (typeof test.threshold === 'number') testCase.threshold = test.threshold;
    for (const key of Object.keys(test)) {
      if (!['vars', 'assert', 'threshold'].includes(key)) ignored.add(`tests[].${key}`);
    }
    cases.push(testCase);
  });
  output.cases = cases;
  return {
    input: output,
    lineOf: translateLines(origins, documentLineOf),
    ignored: ignored.toArray(),
    warnings: [...warnings],
  };
}
