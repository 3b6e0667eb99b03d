import { InputError, type InputIssue } from '../errors.ts';
import { closestWord } from './closest-word.ts';
import { type Command, CommandSchema } from './command.ts';
import { SUBCOMMAND_NAMES, SUBCOMMANDS } from './subcommands.ts';
import { tokenize } from './tokenize.ts';

function fail(message: string): never {
  throw new InputError([{ path: '', message }]);
}

function usageOf(name: string): string {
  return SUBCOMMANDS.find((entry) => entry.name === name)?.usage ?? name;
}

/** A name that may be given quoted or as several words (`show support bot`). */
function rest(tokens: string[], subcommand: string): string {
  const name = tokens.join(' ').trim();
  if (!name) fail(`\`/bench ${subcommand}\` needs a name: \`/bench ${usageOf(subcommand)}\`.`);
  return name;
}

/** `$5`, `5`, `5.50`, `$5.50 usd`. */
function parseUsd(tokens: string[], subcommand: string): number {
  const text = tokens.join('').replace(/usd$/i, '').replace(/^\$/, '').replace(/,/g, '');
  const value = Number(text);
  if (!text || !/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) {
    fail(`\`${tokens.join(' ')}\` is not an amount in US dollars; try \`/bench ${subcommand} set $5\`.`);
  }
  return value;
}

function parseRun(tokens: string[]): Record<string, unknown> {
  const [benchmark, ...others] = tokens;
  if (!benchmark) fail('`/bench run` needs a benchmark name: `/bench run <name> [models…] [samples=N]`.');
  const models: string[] = [];
  const command: Record<string, unknown> = { name: 'run', benchmark, models };
  for (const token of others) {
    const option = /^([a-z]+)=(.*)$/i.exec(token);
    if (!option) {
      models.push(...token.split(',').filter(Boolean));
      continue;
    }
    const key = option[1]!.toLowerCase();
    const value = option[2]!.toLowerCase();
    if (key === 'samples') {
      if (!/^\d+$/.test(value)) fail(`\`samples=${option[2]}\` needs a whole number, e.g. \`samples=3\`.`);
      command.samples = Number(value);
    } else if (key === 'cache') {
      if (!['on', 'off', 'true', 'false', 'yes', 'no'].includes(value)) fail('`cache=` takes `on` or `off`.');
      command.cache = ['on', 'true', 'yes'].includes(value);
    } else {
      fail(`Unknown option \`${key}=\`; \`/bench run\` takes \`samples=N\` and \`cache=off\`.`);
    }
  }
  return command;
}

function parseFork(tokens: string[]): Record<string, unknown> {
  const asIndex = tokens.findIndex((token, index) => index > 0 && token.toLowerCase() === 'as');
  const template = (asIndex === -1 ? tokens : tokens.slice(0, asIndex)).join(' ');
  if (!template) fail('`/bench fork` needs a template: `/bench fork <template> [as <name>]` (see `/bench templates`).');
  if (asIndex === -1) return { name: 'fork', template };
  return { name: 'fork', template, as: rest(tokens.slice(asIndex + 1), 'fork') };
}

function parseHistory(tokens: string[]): Record<string, unknown> {
  const last = tokens.at(-1) ?? '';
  const page = /^page=(\d+)$/i.exec(last);
  if (!page) return { name: 'history', benchmark: rest(tokens, 'history') };
  return { name: 'history', benchmark: rest(tokens.slice(0, -1), 'history'), page: Number(page[1]) };
}

function parseMoney(subcommand: 'budget' | 'threshold', tokens: string[]): Record<string, unknown> {
  if (subcommand === 'budget' && tokens.length === 0) return { name: 'budget' };
  // `set` is optional for thresholds: `/bench threshold $2` reads naturally too.
  const amount = tokens[0]?.toLowerCase() === 'set' ? tokens.slice(1) : tokens;
  if (amount.length === 0) fail(`\`/bench ${subcommand}\` needs an amount: \`/bench ${subcommand} set $5\`.`);
  return { name: subcommand, set: parseUsd(amount, subcommand) };
}

function toRaw(subcommand: string, tokens: string[]): Record<string, unknown> {
  switch (subcommand) {
    case 'help':
      return tokens[0] ? { name: 'help', topic: tokens[0].toLowerCase() } : { name: 'help' };
    case 'new':
    case 'list':
    case 'templates':
    case 'leaderboard':
      return { name: subcommand };
    case 'edit':
    case 'show':
    case 'delete':
      return { name: subcommand, benchmark: rest(tokens, subcommand) };
    case 'fork':
      return parseFork(tokens);
    case 'run':
      return parseRun(tokens);
    case 'cancel':
    case 'unshare':
      return { name: subcommand, run: rest(tokens, subcommand) };
    case 'status':
      return tokens[0] ? { name: 'status', run: tokens[0] } : { name: 'status' };
    case 'history':
      return parseHistory(tokens);
    case 'compare':
      if (tokens.length !== 2) fail('`/bench compare` needs two run ids: `/bench compare <runA> <runB>`.');
      return { name: 'compare', runA: tokens[0], runB: tokens[1] };
    case 'export': {
      if (!tokens[0]) fail('`/bench export` needs a run id: `/bench export <run> csv|json|jsonl`.');
      return tokens[1]
        ? { name: 'export', run: tokens[0], format: tokens[1].toLowerCase() }
        : { name: 'export', run: tokens[0] };
    }
    case 'models':
      return { name: 'models', search: tokens.join(' ') };
    case 'budget':
    case 'threshold':
      return parseMoney(subcommand, tokens);
    default: {
      const guess = closestWord(subcommand, SUBCOMMAND_NAMES);
      const hint = guess ? ` Did you mean \`/bench ${guess}\`?` : '';
      return fail(`\`${subcommand}\` is not a /bench subcommand.${hint} \`/bench help\` lists them all.`);
    }
  }
}

/**
 * Parses the text after `/bench` (Slack sends it as one string). Empty text means `help`.
 * Throws `InputError` naming what is wrong and how to write it instead.
 */
export function parseCommandText(text: string): Command {
  const [first, ...tokens] = tokenize(text);
  const subcommand = (first ?? 'help').toLowerCase();
  const parsed = CommandSchema.safeParse(toRaw(subcommand, tokens));
  if (parsed.success) return parsed.data;
  const issues: InputIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: `${issue.message} (usage: \`/bench ${usageOf(subcommand)}\`)`,
  }));
  throw new InputError(issues);
}
