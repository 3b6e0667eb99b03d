import type { RunView } from '../../use-cases/hub.ts';
import { code, usd } from '../format.ts';
import { type MessageReply, message, notice } from './message.ts';
import { runProgressReply, STATUS_LABEL } from './progress.ts';

function runLine(run: RunView): string {
  return `${code(run.id)} ${run.benchmark} v${run.version}: ${STATUS_LABEL[run.status]}, ${run.counts.done}/${run.counts.total} answers, ${usd(run.costUsd)} — [report](${run.reportUrl})`;
}

/** `/bench status`: the workspace's runs that are not finished. */
export function activeRunsReply(runs: RunView[]): MessageReply {
  if (runs.length === 0) return notice('No runs in progress. Start one with `/bench run <name>`.');
  return message(`${runs.length} runs in progress`, [
    { type: 'header', text: `Runs in progress (${runs.length})` },
    { type: 'text', text: runs.slice(0, 20).map(runLine).join('\n') },
  ]);
}

/** `/bench status <run>`: the progress card, privately. */
export function runStatusReply(run: RunView): MessageReply {
  return { ...runProgressReply(run), private: true };
}

/** After Cancel (a waiting estimate or a running run): replaces the message the button was on. */
export function cancelledReply(run: RunView): MessageReply {
  const spent = run.costUsd > 0 ? ` ${usd(run.costUsd)} was spent on ${run.counts.done} answers.` : '';
  return notice(`Run ${code(run.id)} of ${run.benchmark} is ${STATUS_LABEL[run.status]}.${spent}`, {
    replaceOriginal: true,
  });
}

/** After Confirm: the estimate message turns into a short note; the progress card follows in the channel. */
export function confirmedReply(run: RunView): MessageReply {
  return notice(
    `Run ${code(run.id)} of ${run.benchmark} is ${STATUS_LABEL[run.status]}: ${run.counts.total} answers to collect. Progress follows in the channel.`,
    { replaceOriginal: true },
  );
}
