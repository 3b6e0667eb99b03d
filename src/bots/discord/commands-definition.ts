import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandName } from '../../core/commands/command.ts';
import { SUBCOMMANDS } from '../../core/commands/subcommands.ts';

/** Where an autocompleted option takes its suggestions from. */
export type SuggestionSource = 'benchmark' | 'model' | 'template' | 'run';

type FieldOf<N extends CommandName> = Exclude<keyof Extract<Command, { name: N }>, 'name'> & string;

/** One slash-command option and the `Command` field it fills. */
export interface OptionSpec<F extends string = string> {
  /** Discord option name: lowercase, at most 32 characters. */
  option: string;
  field: F;
  kind: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  required?: boolean;
  choices?: readonly string[];
  suggest?: SuggestionSource;
  /** A space- or comma-separated string that becomes a list (models). */
  list?: boolean;
  min?: number;
  max?: number;
}

/** How the bot answers a subcommand within Discord's 3 seconds. */
export interface SubcommandSpec<F extends string = string> {
  options: OptionSpec<F>[];
  /** Takes a CSV/YAML/JSON attachment (the Discord modal has no room for a file field). */
  file?: boolean;
  /** Defer at once: the work (estimates, exports) regularly takes longer than a round trip. */
  slow?: boolean;
}

const benchmark = {
  option: 'benchmark',
  field: 'benchmark',
  kind: 'string',
  required: true,
  suggest: 'benchmark',
} as const;
const run = { option: 'run', field: 'run', kind: 'string', required: true, suggest: 'run' } as const;

/**
 * `/bench` on Discord, one entry per `CommandSchema` member: the mapped type makes a new subcommand a
 * compile error here, and `test/unit/discord` checks every field and required flag against the schema.
 */
export const DISCORD_SUBCOMMANDS: { [N in CommandName]: SubcommandSpec<FieldOf<N>> } = {
  help: { options: [{ option: 'topic', field: 'topic', kind: 'string', description: 'A subcommand to explain' }] },
  new: { options: [], file: true },
  edit: { options: [{ ...benchmark, description: 'The benchmark to edit' }], file: true },
  list: { options: [] },
  show: { options: [{ ...benchmark, description: 'The benchmark to show' }] },
  templates: { options: [] },
  fork: {
    options: [
      {
        option: 'template',
        field: 'template',
        kind: 'string',
        required: true,
        suggest: 'template',
        description: 'Template to copy',
      },
      { option: 'as', field: 'as', kind: 'string', description: 'Name of the copy' },
    ],
  },
  delete: { options: [{ ...benchmark, description: 'The benchmark to delete' }] },
  run: {
    slow: true,
    options: [
      { ...benchmark, description: 'The benchmark to run' },
      {
        option: 'models',
        field: 'models',
        kind: 'string',
        list: true,
        suggest: 'model',
        description: 'Model ids separated by spaces or commas (default: the benchmark’s models)',
      },
      {
        option: 'samples',
        field: 'samples',
        kind: 'integer',
        min: 1,
        max: 20,
        description: 'Answers per case and model',
      },
      {
        option: 'cache',
        field: 'cache',
        kind: 'boolean',
        description: 'Reuse cached answers (default: on at temperature 0)',
      },
    ],
  },
  cancel: { options: [{ ...run, description: 'The run to stop' }] },
  status: { options: [{ ...run, required: false, description: 'One run (default: every run in progress)' }] },
  history: {
    options: [
      { ...benchmark, description: 'The benchmark' },
      { option: 'page', field: 'page', kind: 'integer', min: 1, description: 'Page of older runs' },
    ],
  },
  compare: {
    slow: true,
    options: [
      { ...run, option: 'run_a', field: 'runA', description: 'The earlier run' },
      { ...run, option: 'run_b', field: 'runB', description: 'The later run' },
    ],
  },
  leaderboard: { slow: true, options: [] },
  export: {
    slow: true,
    options: [
      { ...run, description: 'The run to export' },
      {
        option: 'format',
        field: 'format',
        kind: 'string',
        choices: ['csv', 'json', 'jsonl'],
        description: 'File format',
      },
    ],
  },
  models: {
    options: [
      { option: 'search', field: 'search', kind: 'string', suggest: 'model', description: 'Part of a model id' },
    ],
  },
  budget: {
    options: [
      { option: 'set', field: 'set', kind: 'number', min: 0, description: 'New monthly budget in USD (admins)' },
    ],
  },
  threshold: {
    options: [
      {
        option: 'set',
        field: 'set',
        kind: 'number',
        required: true,
        min: 0,
        description: 'Runs estimated above this many USD ask for confirmation (admins)',
      },
    ],
  },
  unshare: { options: [{ ...run, description: 'The run whose public report link to turn off' }] },
};

const OPTION_TYPE = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

/** The option name of the file attachment of `new` and `edit`. */
export const FILE_OPTION = 'file';

function optionJson(spec: OptionSpec): APIApplicationCommandBasicOption {
  return {
    type: OPTION_TYPE[spec.kind],
    name: spec.option,
    description: spec.description,
    required: spec.required ?? false,
    ...(spec.choices ? { choices: spec.choices.map((choice) => ({ name: choice, value: choice })) } : {}),
    ...(spec.suggest ? { autocomplete: true } : {}),
    ...(spec.min !== undefined ? { min_value: spec.min } : {}),
    ...(spec.max !== undefined ? { max_value: spec.max } : {}),
  } as APIApplicationCommandBasicOption;
}

/** The `/bench` application command as Discord's bulk-overwrite endpoint takes it. */
export function benchCommandJson(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: 'bench',
    description: 'Benchmark LLMs: define cases, estimate, run and compare models',
    options: SUBCOMMANDS.map((info) => {
      const spec: SubcommandSpec = DISCORD_SUBCOMMANDS[info.name];
      const options = spec.options.map(optionJson);
      if (spec.file) {
        options.push({
          type: ApplicationCommandOptionType.Attachment,
          name: FILE_OPTION,
          description: 'Cases as a CSV, YAML or JSON file',
          required: false,
        });
      }
      return {
        type: ApplicationCommandOptionType.Subcommand,
        name: info.name,
        description: info.description.slice(0, 100),
        // Discord wants required options first.
        options: [...options.filter((o) => o.required), ...options.filter((o) => !o.required)],
      };
    }),
  };
}
