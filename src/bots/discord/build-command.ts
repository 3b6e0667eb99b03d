import { type Command, type CommandName, CommandSchema } from '../../core/commands/command.ts';
import { InputError } from '../../core/errors.ts';
import { DISCORD_SUBCOMMANDS, type OptionSpec, type SubcommandSpec } from './commands-definition.ts';

/** Option values as Discord delivers them for one subcommand, by option name. */
export type OptionValues = Record<string, string | number | boolean | undefined>;

/** Splits a models option: ids separated by spaces or commas. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part.length > 0);
}

/** True when `name` is a `/bench` subcommand. */
export function isSubcommand(name: string): name is CommandName {
  return Object.hasOwn(DISCORD_SUBCOMMANDS, name);
}

/**
 * Turns a `/bench <subcommand>` interaction's options into a `Command`. Values Discord already checked
 * (types, choices, ranges) are checked again by `CommandSchema`; a problem names the option.
 */
export function buildCommand(subcommand: string, values: OptionValues): Command {
  if (!isSubcommand(subcommand)) {
    throw new InputError([{ path: subcommand, message: `unknown subcommand "${subcommand}"` }]);
  }
  const spec: SubcommandSpec = DISCORD_SUBCOMMANDS[subcommand];
  const input: Record<string, unknown> = { name: subcommand };
  for (const option of spec.options) {
    const value = values[option.option];
    if (value !== undefined) input[option.field] = option.list ? splitList(String(value)) : value;
  }
  const parsed = CommandSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      const option = spec.options.find((candidate: OptionSpec) => candidate.field === field);
      return { path: option?.option ?? field, message: issue.message };
    }),
  );
}
