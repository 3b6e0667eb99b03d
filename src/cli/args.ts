import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.ts';

export const USAGE = `Usage: benchmarkhub <command> [options]

Commands:
  run <file|template>       validate, estimate, confirm and run a benchmark
      --models a,b            models to run (default: the benchmark's, else the demo models)
      --samples n             answers per case and model (1-20)
      --concurrency n         model calls at once in this process (default 64)
      --yes                   do not ask for confirmation
      --json                  print one JSON summary on stdout and nothing else
      --no-cache              do not use cached answers
  estimate <file|template>  print the expected and worst-case cost (--models, --samples)
  validate <file>           check a definition (YAML, JSON, CSV/TSV, quick lines, promptfoo)
  templates                 list the built-in templates
  list                      list saved benchmarks
  show <name>               a benchmark's cases, versions and last runs
  history <name>            runs of a benchmark (--page n)
  export <run> --format csv|json|jsonl   write a run's results to stdout
  cancel <run>              cancel a run

Exit codes: 0 done, 1 the run finished with errors, 2 bad input.`;

export interface CliArgs {
  command: string;
  target: string | undefined;
  models: string[] | undefined;
  samples: number | undefined;
  concurrency: number | undefined;
  page: number;
  format: string;
  yes: boolean;
  json: boolean;
  cache: boolean | undefined;
  help: boolean;
}

function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InputError([{ path: option, message: `--${option} expects a whole number ≥ 1, got "${value}"` }]);
  }
  return number;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InputError([{ path: 'arguments', message: (error as Error).message }]);
  }
  const { values, positionals } = parsed;
  return {
    command: positionals[0] ?? 'help',
    target: positionals[1],
    models: values.models
      ?.split(',')
      .map((model) => model.trim())
      .filter(Boolean),
    samples: positiveInt(values.samples, 'samples'),
    concurrency: positiveInt(values.concurrency, 'concurrency'),
    page: positiveInt(values.page, 'page') ?? 1,
    format: values.format ?? 'csv',
    yes: values.yes ?? false,
    json: values.json ?? false,
    cache: values['no-cache'] ? false : undefined,
    help: values.help ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      models: { type: 'string', short: 'm' },
      samples: { type: 'string' },
      concurrency: { type: 'string' },
      page: { type: 'string' },
      format: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      json: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
