import { isTerminal } from '../../run/status.ts';
import type { RunView } from '../../use-cases/hub.ts';
import { duration, usd } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message } from './message.ts';

/** How each status reads in chat. */
export const STATUS_LABEL: Record<RunView['status'], string> = {
  awaiting_confirmation: 'waiting for confirmation',
  queued: 'queued',
  running: 'running',
  paused_budget: 'paused: budget used up',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired (not confirmed in time)',
};

/**
 * The channel message that follows a run, updated in place: progress bar, done/total, errors,
 * cost so far and the time left (`etaMs` from the latest progress event).
 */
export function runProgressReply(run: RunView, options: { etaMs?: number | null } = {}): MessageReply {
  const { counts } = run;
  const fields = [
    { label: 'Status', value: STATUS_LABEL[run.status] },
    { label: 'Done', value: `${counts.done} / ${counts.total}` },
    { label: 'Errors', value: String(counts.errors) },
    { label: 'Cost so far', value: usd(run.costUsd) },
  ];
  if (options.etaMs !== undefined && options.etaMs !== null && !isTerminal(run.status)) {
    fields.push({ label: 'Time left', value: `about ${duration(options.etaMs)}` });
  }
  if (counts.cached > 0) fields.push({ label: 'From cache', value: String(counts.cached) });
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `${run.benchmark} v${run.version}: run ${run.id}` },
    { type: 'progress', done: counts.done, total: counts.total, label: `${run.models.length} models` },
    { type: 'fields', fields },
  ];
  if (run.message) blocks.push({ type: run.status === 'failed' ? 'error' : 'notice', text: run.message });
  if (run.simulated) blocks.push({ type: 'notice', text: 'Simulated run: demo models, no real model calls.' });
  const buttons: Extract<ReplyBlock, { type: 'buttons' }>['buttons'] = [
    { action: 'report.open', label: 'Live report', value: run.id, style: 'default', url: run.reportUrl },
  ];
  if (!isTerminal(run.status))
    buttons.push({ action: 'run.cancel', label: 'Cancel run', value: run.id, style: 'danger' });
  blocks.push({ type: 'buttons', buttons });
  return message(
    `Run ${run.id} of ${run.benchmark}: ${counts.done}/${counts.total} ${STATUS_LABEL[run.status]}`,
    blocks,
    { private: false },
  );
}
