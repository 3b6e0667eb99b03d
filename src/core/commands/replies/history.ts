import type { Page, RunView } from '../../use-cases/hub.ts';
import { code, dateTime, percent, usd } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message, notice } from './message.ts';

function bestOf(run: RunView): string {
  const best = run.summary?.ranking[0];
  const model = run.summary?.models.find((m) => m.model === best);
  return model ? `${model.model} ${percent(model.passRate)}` : '—';
}

/** `/bench history <name>`: one row per run, newest first, with paging buttons. */
export function historyReply(name: string, page: Page<RunView>): MessageReply {
  if (page.total === 0) return notice(`${name} has no runs yet. Start one with \`/bench run ${name}\`.`);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `History: ${name}` },
    {
      type: 'table',
      columns: ['run', 'when', 'ver', 'status', 'best', 'cost'],
      rows: page.items.map((run) => [
        run.id,
        dateTime(run.createdAt),
        `v${run.version}`,
        run.status,
        bestOf(run),
        usd(run.costUsd),
      ]),
    },
    {
      type: 'notice',
      text: `Page ${page.page} of ${page.pages} (${page.total} runs). Compare two with ${code('/bench compare <runA> <runB>')}.`,
    },
  ];
  const buttons: Extract<ReplyBlock, { type: 'buttons' }>['buttons'] = [];
  if (page.page > 1)
    buttons.push({ action: 'history.page', label: 'Newer', value: `${page.page - 1}:${name}`, style: 'default' });
  if (page.page < page.pages)
    buttons.push({ action: 'history.page', label: 'Older', value: `${page.page + 1}:${name}`, style: 'default' });
  if (buttons.length > 0) blocks.push({ type: 'buttons', buttons });
  return message(`History of ${name}: ${page.total} runs`, blocks);
}
