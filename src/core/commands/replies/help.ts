import { code } from '../format.ts';
import { SUBCOMMANDS } from '../subcommands.ts';
import { type MessageReply, message } from './message.ts';

/** `/bench help`: every subcommand with an example; `/bench help <subcommand>` for one. */
export function helpReply(topic?: string): MessageReply {
  const entries = topic ? SUBCOMMANDS.filter((entry) => entry.name === topic) : SUBCOMMANDS;
  const shown = entries.length > 0 ? entries : SUBCOMMANDS;
  const lines = shown.map(
    (entry) =>
      `${code(`/bench ${entry.usage}`)}: ${entry.description}${entry.adminOnly ? ' (admins)' : ''}\n  e.g. ${code(entry.example)}`,
  );
  return message('BenchmarkHub commands', [
    { type: 'header', text: 'BenchmarkHub: /bench commands' },
    { type: 'text', text: lines.join('\n') },
    {
      type: 'notice',
      text: 'Start with `/bench templates` and `/bench fork <template>`, or `/bench new` to write your own cases.',
    },
  ]);
}
