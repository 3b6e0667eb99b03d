import type { ModelInfo } from '../../use-cases/hub.ts';
import { code } from '../format.ts';
import { type MessageReply, message, notice } from './message.ts';

function perMillion(value: number | null): string {
  return value === null ? '—' : `$${value < 1 ? value.toFixed(3) : value.toFixed(2)}`;
}

/** `/bench models [search]`: ids to use in `/bench run`, with prices per million tokens. */
export function modelsReply(search: string, models: ModelInfo[]): MessageReply {
  if (models.length === 0) {
    return notice(`No model matches ${code(search)}. Try a vendor name such as \`openai\` or \`claude\`.`);
  }
  return message(`${models.length} models`, [
    { type: 'header', text: search ? `Models matching "${search}"` : 'Models' },
    {
      type: 'table',
      columns: ['model', 'context', 'in $/M', 'out $/M'],
      rows: models.map((m) => [
        m.id,
        m.contextLength === null ? '—' : `${Math.round(m.contextLength / 1000)}k`,
        perMillion(m.promptPerMillion),
        perMillion(m.completionPerMillion),
      ]),
    },
    {
      type: 'notice',
      text: 'Use the ids in `/bench run <name> <model> <model>`; `demo:*` models are free simulations.',
    },
  ]);
}
