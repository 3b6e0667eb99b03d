import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../../src/bots/discord/build-command.ts';
import {
  benchCommandJson,
  DISCORD_SUBCOMMANDS,
  type OptionSpec,
} from '../../../src/bots/discord/commands-definition.ts';
import { CommandSchema } from '../../../src/core/commands/command.ts';
import { InputError } from '../../../src/core/errors.ts';
import { commandProblems } from '../../support/fake-discord-limits.ts';

type Shape = Record<string, { safeParse(value: unknown): { success: boolean } }>;

describe('/bench definition', () => {
  it('has one subcommand per CommandSchema member, each field an option with the right required flag', () => {
    const members = CommandSchema.options.map(
      (member) => member.shape as unknown as Shape & { name: { value: string } },
    );
    expect(Object.keys(DISCORD_SUBCOMMANDS).sort()).toEqual(members.map((m) => m.name.value).sort());
    for (const shape of members) {
      const name = shape.name.value as keyof typeof DISCORD_SUBCOMMANDS;
      const options: OptionSpec[] = DISCORD_SUBCOMMANDS[name].options;
      const fields = Object.keys(shape).filter((field) => field !== 'name');
      expect(options.map((o) => o.field).sort(), name).toEqual(fields.sort());
      for (const option of options) {
        const requiredInSchema = !shape[option.field]?.safeParse(undefined).success;
        expect(option.required ?? false, `${name}.${option.field}`).toBe(requiredInSchema);
      }
    }
  });

  it('is a command Discord accepts: names, descriptions, counts, required options first', () => {
    const json = benchCommandJson();
    expect(commandProblems([json as unknown as Record<string, unknown>])).toEqual([]);
    const run = json.options?.find((option) => option.name === 'run') as {
      options: { name: string; autocomplete?: boolean }[];
    };
    expect(run.options.map((o) => o.name)).toEqual(['benchmark', 'models', 'samples', 'cache']);
    expect(run.options.find((o) => o.name === 'benchmark')?.autocomplete).toBe(true);
    const fresh = json.options?.find((option) => option.name === 'new') as {
      options: { name: string; type: number }[];
    };
    expect(fresh.options).toEqual([expect.objectContaining({ name: 'file', type: 11 })]);
  });
});

describe('buildCommand', () => {
  it('maps option names to Command fields and splits model lists', () => {
    expect(
      buildCommand('run', { benchmark: 'math', models: 'demo:fast, demo:smart  openai/gpt-4o', samples: 3 }),
    ).toEqual({
      name: 'run',
      benchmark: 'math',
      models: ['demo:fast', 'demo:smart', 'openai/gpt-4o'],
      samples: 3,
    });
    expect(buildCommand('compare', { run_a: 'r1', run_b: 'r2' })).toEqual({ name: 'compare', runA: 'r1', runB: 'r2' });
    expect(buildCommand('export', { run: 'r1' })).toEqual({ name: 'export', run: 'r1', format: 'csv' });
  });

  it('names the option of a bad value', () => {
    const error = (() => {
      try {
        buildCommand('run', { benchmark: 'math', samples: 50 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]?.path).toBe('samples');
    expect(() => buildCommand('frobnicate', {})).toThrow(/unknown subcommand/);
  });
});
