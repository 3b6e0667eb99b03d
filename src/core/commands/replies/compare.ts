import type { RunComparison } from '../../use-cases/hub.ts';
import { code, percent, truncate } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message } from './message.ts';

/** `/bench compare <runA> <runB>`: pass rates per shared model and the cases that flipped. */
export function compareReply(comparison: RunComparison): MessageReply {
  const { a, b } = comparison;
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `Compare ${a.benchmark}: ${a.id} vs ${b.id}` },
    { type: 'text', text: `A = ${code(a.id)} (v${a.version}), B = ${code(b.id)} (v${b.version})` },
  ];
  if (comparison.models.length === 0) {
    blocks.push({ type: 'notice', text: 'The two runs share no model, so there is nothing to compare case by case.' });
  } else {
    blocks.push({
      type: 'table',
      columns: ['model', 'A', 'B', 'fixed', 'broken', 'same'],
      rows: comparison.models.map((m) => [
        m.model,
        percent(m.passRateA),
        percent(m.passRateB),
        String(m.fixed),
        String(m.broken),
        String(m.same),
      ]),
    });
  }
  if (comparison.changed.length > 0) {
    blocks.push({
      type: 'table',
      columns: ['case', 'model', 'A', 'B'],
      rows: comparison.changed
        .slice(0, 10)
        .map((c) => [truncate(c.caseId, 20), c.model, c.passA ? 'pass' : 'fail', c.passB ? 'pass' : 'fail']),
    });
    if (comparison.changed.length > 10) {
      blocks.push({
        type: 'notice',
        text: `…and ${comparison.changed.length - 10} more changed cases in the reports.`,
      });
    }
  }
  blocks.push({
    type: 'buttons',
    buttons: [
      { action: 'report.open', label: 'Report A', value: a.id, style: 'default', url: a.reportUrl },
      { action: 'report.open', label: 'Report B', value: b.id, style: 'default', url: b.reportUrl },
    ],
  });
  return message(`Comparison of ${a.id} and ${b.id}`, blocks);
}
