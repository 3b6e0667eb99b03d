import { AppError } from '../errors.ts';
import type { Actor, ChatRef } from '../use-cases/actor.ts';
import { type BenchmarkHub, ExportFormatSchema } from '../use-cases/hub.ts';
import { editForm } from './handle-command.ts';
import { benchmarkDetailReply, deletedReply } from './replies/benchmark.ts';
import { estimateReply } from './replies/estimate.ts';
import { exportReply } from './replies/export.ts';
import { historyReply } from './replies/history.ts';
import { notice } from './replies/message.ts';
import { cancelledReply, confirmedReply } from './replies/run-status.ts';
import type { Reply } from './reply.ts';

/** A pressed button: its action id and value (see `Button`), and the chat it was pressed in. */
export interface ActionInput {
  action: string;
  value: string;
  chat?: ChatRef;
}

/** `<page>:<name>`: the name may contain colons, the page never does. */
function historyPage(value: string): { page: number; name: string } {
  const split = value.indexOf(':');
  return { page: Number(value.slice(0, split)) || 1, name: value.slice(split + 1) };
}

/** `<runId>` or `<runId>:<format>`. */
function exportTarget(value: string): { runId: string; format: 'csv' | 'json' | 'jsonl' } {
  const [runId = '', format = 'csv'] = value.split(':');
  return { runId, format: ExportFormatSchema.catch('csv').parse(format) };
}

/**
 * Carries out a button press. Refusals (an expired estimate, a run of another workspace) throw
 * `AppError`; the bot turns them into a reply with `errorReply`.
 */
export async function handleAction(hub: BenchmarkHub, actor: Actor, input: ActionInput): Promise<Reply> {
  const { action, value, chat } = input;
  switch (action) {
    case 'run.confirm':
      return confirmedReply(await hub.confirmRun(actor, value));
    case 'run.cancel':
      return cancelledReply(await hub.cancelRun(actor, value));
    case 'run.rerun':
      return estimateReply(await hub.rerun(actor, value, chat));
    case 'run.export': {
      const { runId, format } = exportTarget(value);
      return exportReply(runId, await hub.exportRun(actor, runId, format));
    }
    case 'benchmark.run':
      return estimateReply(await hub.requestRun(actor, { benchmark: value, ...(chat ? { chat } : {}) }));
    case 'benchmark.show':
      return benchmarkDetailReply(await hub.showBenchmark(actor, value));
    case 'benchmark.edit':
      return editForm(hub, actor, value);
    case 'benchmark.delete':
      await hub.deleteBenchmark(actor, value);
      return deletedReply(value);
    case 'history.page': {
      const { page, name } = historyPage(value);
      return { ...historyReply(name, await hub.history(actor, name, page)), replaceOriginal: true };
    }
    case 'dismiss':
      return notice('Nothing changed.', { replaceOriginal: true });
    default:
      throw new AppError('unknown_action', 'That button no longer does anything. Type the command again instead.');
  }
}
