import type { CommandName } from './command.ts';

export interface SubcommandInfo {
  name: CommandName;
  usage: string;
  description: string;
  example: string;
  /** Only workspace admins may use it (budget changes). */
  adminOnly?: boolean;
}

/** Every `/bench` subcommand with its usage: the help text, typo suggestions and Discord descriptions. */
export const SUBCOMMANDS: readonly SubcommandInfo[] = [
  { name: 'new', usage: 'new', description: 'Open the benchmark builder', example: '/bench new' },
  {
    name: 'edit',
    usage: 'edit <name>',
    description: 'Edit a benchmark (saves a new version)',
    example: '/bench edit "support bot"',
  },
  { name: 'list', usage: 'list', description: "List this workspace's benchmarks", example: '/bench list' },
  {
    name: 'show',
    usage: 'show <name>',
    description: 'Cases, versions and last runs of a benchmark',
    example: '/bench show "support bot"',
  },
  { name: 'templates', usage: 'templates', description: 'Ready-made benchmarks to fork', example: '/bench templates' },
  {
    name: 'fork',
    usage: 'fork <template> [as <name>]',
    description: 'Copy a template into the workspace',
    example: '/bench fork arithmetic as "my math"',
  },
  {
    name: 'delete',
    usage: 'delete <name>',
    description: 'Delete a benchmark (asks first)',
    example: '/bench delete "old test"',
  },
  {
    name: 'run',
    usage: 'run <name> [models…] [samples=N] [cache=off]',
    description: 'Estimate the cost, then run on every model',
    example: '/bench run "support bot" openai/gpt-4o-mini anthropic/claude-3.5-haiku samples=3',
  },
  {
    name: 'cancel',
    usage: 'cancel <run>',
    description: 'Stop a waiting or running run',
    example: '/bench cancel 6650f1c2e4',
  },
  { name: 'status', usage: 'status [run]', description: 'Runs in progress, or one run', example: '/bench status' },
  {
    name: 'history',
    usage: 'history <name> [page=N]',
    description: 'Past runs of a benchmark',
    example: '/bench history "support bot"',
  },
  {
    name: 'compare',
    usage: 'compare <runA> <runB>',
    description: 'What changed between two runs',
    example: '/bench compare 6650f1c2e4 6650f3a9b1',
  },
  {
    name: 'leaderboard',
    usage: 'leaderboard',
    description: 'Model ratings across all runs',
    example: '/bench leaderboard',
  },
  {
    name: 'export',
    usage: 'export <run> csv|json|jsonl',
    description: 'Download the results of a run',
    example: '/bench export 6650f1c2e4 csv',
  },
  { name: 'models', usage: 'models [search]', description: 'Models and their prices', example: '/bench models claude' },
  {
    name: 'budget',
    usage: 'budget [set <usd>]',
    description: 'Monthly budget; admins can set it',
    example: '/bench budget set $50',
  },
  {
    name: 'threshold',
    usage: 'threshold set <usd>',
    description: 'Runs estimated above this need a confirmation',
    example: '/bench threshold set $2',
    adminOnly: true,
  },
  {
    name: 'unshare',
    usage: 'unshare <run>',
    description: "Turn off a run's public report link",
    example: '/bench unshare 6650f1c2e4',
  },
  { name: 'help', usage: 'help', description: 'This list', example: '/bench help' },
];

export const SUBCOMMAND_NAMES: readonly CommandName[] = SUBCOMMANDS.map((entry) => entry.name);
