import type { Types } from 'mongoose';
import type { RunEstimate } from '../core/cost/estimate.ts';
import type { ModelParams, ResolvedDefinition } from '../core/definition/schema.ts';
import type { RunStatus } from '../core/run/status.ts';
import type { RunSummary } from '../core/stats/summary-schema.ts';
import type { ChatRef, Platform } from '../core/use-cases/actor.ts';
import type {
  BenchmarkRecord,
  ResultRecord,
  RunRecord,
  VersionRecord,
  WorkspaceRecord,
} from '../core/use-cases/store-ports.ts';
import type { BenchmarkDoc, BenchmarkVersionDoc } from './models/benchmark.ts';
import type { ResultDoc } from './models/result.ts';
import type { RunDoc } from './models/run.ts';
import type { WorkspaceDoc } from './models/workspace.ts';

type WithId<T> = T & { _id: Types.ObjectId };

export function toWorkspace(doc: WithId<WorkspaceDoc>): WorkspaceRecord {
  const settings = doc.settings ?? { monthlyBudgetUsd: 0, confirmThresholdUsd: 0, defaultModels: [], admins: [] };
  return {
    id: doc._id.toString(),
    platform: doc.platform as Platform,
    externalId: doc.externalId,
    name: doc.name ?? '',
    settings: {
      monthlyBudgetUsd: settings.monthlyBudgetUsd ?? 0,
      confirmThresholdUsd: settings.confirmThresholdUsd ?? 0,
      defaultModels: [...(settings.defaultModels ?? [])],
      admins: [...(settings.admins ?? [])],
    },
  };
}

export function toBenchmark(doc: WithId<BenchmarkDoc> & { updatedAt?: Date }): BenchmarkRecord {
  return {
    id: doc._id.toString(),
    workspaceId: doc.workspaceId.toString(),
    slug: doc.slug,
    name: doc.name,
    currentVersion: doc.currentVersion,
    description: doc.description ?? '',
    caseCount: doc.caseCount ?? 0,
    createdBy: doc.createdBy ?? '',
    updatedAt: doc.updatedAt ?? new Date(0),
  };
}

export function toVersion(doc: WithId<BenchmarkVersionDoc> & { createdAt?: Date }): VersionRecord {
  return {
    id: doc._id.toString(),
    benchmarkId: doc.benchmarkId.toString(),
    version: doc.version,
    definition: doc.definition as ResolvedDefinition,
    createdBy: doc.createdBy ?? '',
    createdAt: doc.createdAt ?? new Date(0),
  };
}

export function toRun(doc: WithId<RunDoc> & { createdAt?: Date }): RunRecord {
  const counts = doc.counts ?? { total: 0, done: 0, errors: 0, cached: 0 };
  const chat = doc.chat
    ? {
        platform: doc.chat.platform as Platform,
        channelId: doc.chat.channelId ?? '',
        threadId: doc.chat.threadId ?? '',
        messageId: doc.chat.messageId ?? '',
        userId: doc.chat.userId ?? '',
      }
    : null;
  return {
    id: doc._id.toString(),
    workspaceId: doc.workspaceId.toString(),
    benchmarkId: doc.benchmarkId.toString(),
    benchmarkVersionId: doc.benchmarkVersionId.toString(),
    benchmarkName: doc.benchmarkName,
    version: doc.version,
    models: [...doc.models],
    params: (doc.params ?? {}) as ModelParams,
    samples: doc.samples ?? 1,
    cache: doc.cache ?? null,
    status: doc.status as RunStatus,
    estimate: (doc.estimate ?? null) as RunEstimate | null,
    costUsd: doc.costUsd ?? 0,
    counts: {
      total: counts.total ?? 0,
      done: counts.done ?? 0,
      errors: counts.errors ?? 0,
      cached: counts.cached ?? 0,
    },
    shareId: doc.shareId,
    shareRevoked: doc.shareRevoked ?? false,
    chat: chat satisfies ChatRef | null,
    requestedBy: doc.requestedBy ?? '',
    simulated: doc.simulated ?? false,
    summary: (doc.summary ?? null) as RunSummary | null,
    message: doc.message ?? '',
    confirmationExpiresAt: doc.confirmationExpiresAt ?? null,
    createdAt: doc.createdAt ?? new Date(0),
    startedAt: doc.startedAt ?? null,
    finishedAt: doc.finishedAt ?? null,
  };
}

export function toResult(doc: WithId<ResultDoc>): ResultRecord {
  return {
    runId: doc.runId.toString(),
    caseId: doc.caseId,
    model: doc.model,
    sample: doc.sample,
    output: doc.output ?? '',
    latencyMs: doc.latencyMs ?? 0,
    promptTokens: doc.promptTokens ?? 0,
    completionTokens: doc.completionTokens ?? 0,
    costUsd: doc.costUsd ?? 0,
    cached: doc.cached ?? false,
    score: doc.score ?? 0,
    pass: doc.pass ?? false,
    checks: (doc.checks ?? []) as ResultRecord['checks'],
    tags: [...(doc.tags ?? [])],
    error: doc.error?.kind ? { kind: doc.error.kind, message: doc.error.message ?? '' } : null,
  };
}
