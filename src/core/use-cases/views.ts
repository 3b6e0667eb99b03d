import type { RunView } from './hub.ts';
import type { RunRecord } from './store-ports.ts';

export function reportUrl(publicUrl: string, shareId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/r/${shareId}`;
}

export function toRunView(run: RunRecord, publicUrl: string): RunView {
  return {
    id: run.id,
    shareId: run.shareId,
    reportUrl: reportUrl(publicUrl, run.shareId),
    benchmark: run.benchmarkName,
    version: run.version,
    status: run.status,
    models: run.models,
    samples: run.samples,
    counts: run.counts,
    costUsd: run.costUsd,
    estimate: run.estimate,
    summary: run.summary,
    simulated: run.simulated,
    message: run.message,
    requestedBy: run.requestedBy,
    chat: run.chat,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    confirmationExpiresAt: run.confirmationExpiresAt,
  };
}
