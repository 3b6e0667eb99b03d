import type { Types } from 'mongoose';
import type { ResolvedCase } from '../core/definition/schema.ts';
import type { ResultRow } from '../core/stats/summary.ts';
import type { Models } from './models/index.ts';
import type { ResultDoc } from './models/result.ts';
import type { RunDoc } from './models/run.ts';

/**
 * Read-only queries behind the public report pages. Only the portable subset of MongoDB is used
 * (find, sort, limit, skip, projections); grouping happens here in TypeScript.
 */

export type SharedRun = RunDoc & { _id: Types.ObjectId; createdAt: Date };

/** What a report shows of one case of the benchmark definition. */
export interface CaseInfo {
  index: number;
  input: string;
  expected: string;
  tags: string[];
}

export interface RunContext {
  benchmarkName: string;
  cases: Map<string, CaseInfo>;
}

export interface CaseFilters {
  model?: string;
  pass?: boolean;
  tag?: string;
  q?: string;
}

export interface CaseResultView {
  model: string;
  sample: number;
  output: string;
  outputTruncated: boolean;
  outputPurged: boolean;
  pass: boolean;
  score: number;
  latencyMs: number;
  costUsd: number;
  cached: boolean;
  tags: string[];
  error: string | null;
  reasons: string[];
}

export interface CaseView {
  caseId: string;
  input: string;
  expected: string;
  tags: string[];
  results: CaseResultView[];
}

export interface CasePage {
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  cases: CaseView[];
}

// Share ids are 128 random bits in base64url; anything else cannot name a run.
const SHARE_ID = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_OUTPUT_CHARS = 8000;

/** The run behind a share link, or null when the id is unknown, revoked or expired. */
export async function findSharedRun(models: Models, shareId: string, now = new Date()): Promise<SharedRun | null> {
  if (!SHARE_ID.test(shareId)) return null;
  const run = (await models.Run.findOne({ shareId }).lean()) as SharedRun | null;
  if (!run || run.shareRevoked) return null;
  if (run.shareExpiresAt && run.shareExpiresAt.getTime() <= now.getTime()) return null;
  return run;
}

function inputText(item: ResolvedCase): string {
  if (typeof item.input === 'string') return item.input;
  if (Array.isArray(item.input)) return item.input.map((message) => `${message.role}: ${message.content}`).join('\n');
  return item.vars
    ? Object.entries(item.vars)
        .map(([key, value]) => `${key}: ${value}`)
        .join('\n')
    : '';
}

// Versions never change, so their case tables can be kept; a few recent ones are enough.
const caseCache = new Map<string, Map<string, CaseInfo>>();

async function casesOfVersion(models: Models, versionId: Types.ObjectId): Promise<Map<string, CaseInfo>> {
  const key = String(versionId);
  const cached = caseCache.get(key);
  if (cached) return cached;
  const version = await models.BenchmarkVersion.findById(versionId).select({ definition: 1 }).lean();
  const cases = new Map<string, CaseInfo>();
  const definitionCases = (version?.definition as { cases?: ResolvedCase[] } | undefined)?.cases ?? [];
  definitionCases.forEach((item, index) => {
    if (typeof item.id !== 'string') return;
    cases.set(item.id, {
      index,
      input: inputText(item),
      expected: item.expected === undefined ? '' : String(item.expected),
      tags: item.tags ?? [],
    });
  });
  caseCache.set(key, cases);
  if (caseCache.size > 20) caseCache.delete(caseCache.keys().next().value as string);
  return cases;
}

/** The benchmark's name and the cases of the run's version. */
export async function loadRunContext(models: Models, run: SharedRun): Promise<RunContext> {
  const [benchmark, cases] = await Promise.all([
    models.Benchmark.findById(run.benchmarkId).select({ name: 1 }).lean(),
    casesOfVersion(models, run.benchmarkVersionId),
  ]);
  return { benchmarkName: benchmark?.name ?? 'Deleted benchmark', cases };
}

type RowFields = Pick<ResultDoc, 'caseId' | 'model' | 'sample' | 'score' | 'pass' | 'costUsd' | 'latencyMs'> &
  Pick<ResultDoc, 'cached' | 'error' | 'tags' | 'promptTokens' | 'completionTokens'>;

/** A stored result in the shape the statistics take. */
export function toResultRow(doc: RowFields): ResultRow {
  return {
    caseId: doc.caseId,
    model: doc.model,
    sample: doc.sample,
    score: doc.score,
    pass: doc.pass,
    costUsd: doc.costUsd,
    latencyMs: doc.latencyMs,
    cached: doc.cached,
    error: doc.error?.kind ?? null,
    tags: doc.tags,
    promptTokens: doc.promptTokens,
    completionTokens: doc.completionTokens,
  };
}

/** Every result of a run in the shape the statistics take (for runs still going). */
export async function resultRowsOfRun(models: Models, runId: Types.ObjectId): Promise<ResultRow[]> {
  const docs = await models.Result.find({ runId })
    .select({
      caseId: 1,
      model: 1,
      sample: 1,
      score: 1,
      pass: 1,
      costUsd: 1,
      latencyMs: 1,
      cached: 1,
      error: 1,
      tags: 1,
      promptTokens: 1,
      completionTokens: 1,
    })
    .lean();
  return docs.map(toResultRow);
}

/** A stored result as read back, without mongoose document overhead. */
export type StoredResult = ResultDoc & { _id: Types.ObjectId };

/** Every result of a run, full documents. */
export async function loadRunResults(models: Models, runId: Types.ObjectId): Promise<StoredResult[]> {
  return (await models.Result.find({ runId }).lean()) as StoredResult[];
}

function resultQuery(run: SharedRun, filters: CaseFilters, inputMatches: Set<string>): Record<string, unknown> {
  const query: Record<string, unknown> = { runId: run._id };
  if (filters.model) query.model = filters.model;
  if (filters.pass !== undefined) query.pass = filters.pass;
  if (filters.tag) query.tags = filters.tag;
  const q = filters.q?.trim();
  if (q) {
    const pattern = { $regex: escapeRegex(q), $options: 'i' };
    query.$or = [{ caseId: pattern }, { output: pattern }, { caseId: { $in: [...inputMatches] } }];
  }
  return query;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function byDefinitionOrder(cases: Map<string, CaseInfo>) {
  return (a: string, b: string) => {
    const ia = cases.get(a)?.index ?? Number.MAX_SAFE_INTEGER;
    const ib = cases.get(b)?.index ?? Number.MAX_SAFE_INTEGER;
    return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
  };
}

/**
 * One page of cases, each with every model's answers side by side. A case is listed when one of
 * its results matches all filters; `q` searches case ids, inputs and outputs. With `loaded`
 * (every result of a finished run, from the cache) the filtering happens here in memory.
 */
export async function findCasePage(
  models: Models,
  run: SharedRun,
  context: RunContext,
  filters: CaseFilters,
  page: number,
  options: { pageSize?: number; loaded?: readonly StoredResult[] | null } = {},
): Promise<CasePage> {
  const pageSize = options.pageSize ?? 50;
  const loaded = options.loaded;
  const q = filters.q?.trim().toLowerCase();
  const inputMatches = q
    ? new Set([...context.cases.entries()].filter(([, info]) => info.input.toLowerCase().includes(q)).map(([id]) => id))
    : new Set<string>();
  const matching = loaded
    ? loaded.filter(
        (doc) =>
          (!filters.model || doc.model === filters.model) &&
          (filters.pass === undefined || doc.pass === filters.pass) &&
          (!filters.tag || doc.tags.includes(filters.tag)) &&
          (!q ||
            inputMatches.has(doc.caseId) ||
            doc.caseId.toLowerCase().includes(q) ||
            (doc.output ?? '').toLowerCase().includes(q)),
      )
    : await models.Result.find(resultQuery(run, filters, inputMatches))
        .select({ caseId: 1, _id: 0 })
        .lean();
  const ids = [...new Set(matching.map((doc) => doc.caseId))].sort(byDefinitionOrder(context.cases));
  const pages = Math.max(1, Math.ceil(ids.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const pageIds = ids.slice((current - 1) * pageSize, current * pageSize);
  const onPage = new Set(pageIds);
  const docs: StoredResult[] = loaded
    ? loaded.filter((doc) => onPage.has(doc.caseId))
    : pageIds.length === 0
      ? []
      : await models.Result.find({ runId: run._id, caseId: { $in: pageIds } }).lean();
  const grouped = new Map<string, CaseResultView[]>(pageIds.map((id) => [id, []]));
  const modelOrder = new Map(run.models.map((model, index) => [model, index]));
  for (const doc of docs) {
    const output = doc.output ?? '';
    grouped.get(doc.caseId)?.push({
      model: doc.model,
      sample: doc.sample,
      output: output.slice(0, MAX_OUTPUT_CHARS),
      outputTruncated: output.length > MAX_OUTPUT_CHARS,
      outputPurged: doc.outputPurgedAt != null,
      pass: doc.pass,
      score: doc.score,
      latencyMs: doc.latencyMs,
      costUsd: doc.costUsd,
      cached: doc.cached,
      tags: doc.tags,
      error: doc.error?.kind ? `${doc.error.kind}: ${doc.error.message ?? ''}` : null,
      reasons: Array.isArray(doc.checks)
        ? (doc.checks as { type?: unknown; reason?: unknown }[])
            .filter((check) => typeof check?.reason === 'string' && check.reason !== '')
            .map((check) => (typeof check.type === 'string' ? `${check.type}: ${check.reason}` : String(check.reason)))
        : [],
    });
  }
  const cases = pageIds.map((caseId) => {
    const info = context.cases.get(caseId);
    const results = (grouped.get(caseId) ?? []).sort(
      (a, b) => (modelOrder.get(a.model) ?? 99) - (modelOrder.get(b.model) ?? 99) || a.sample - b.sample,
    );
    return {
      caseId,
      input: info?.input ?? '',
      expected: info?.expected ?? '',
      tags: info?.tags ?? results[0]?.tags ?? [],
      results,
    };
  });
  return { page: current, pageSize, total: ids.length, pages, cases };
}

/** Every result of a run in a stable order, as a stream, for downloads of any size. */
export function streamRunResults(models: Models, runId: Types.ObjectId) {
  return models.Result.find({ runId }).sort({ caseId: 1, model: 1, sample: 1 }).lean().cursor();
}

/** The tags used by a run's cases, for the filter menu. */
export function tagsOfCases(context: RunContext): string[] {
  const tags = new Set<string>();
  for (const info of context.cases.values()) for (const tag of info.tags) tags.add(tag);
  return [...tags].sort();
}

/** Pass rates of the benchmark's finished runs up to this one (at most `limit`), oldest first. */
export async function benchmarkHistory(
  models: Models,
  run: SharedRun,
  limit = 10,
): Promise<{ label: string; model: string; passRate: number }[]> {
  const runs = await models.Run.find({
    benchmarkId: run.benchmarkId,
    status: 'completed',
    createdAt: { $lte: run.createdAt },
  })
    .sort({ createdAt: -1 })
    .limit(limit)
    .select({ summary: 1, version: 1, createdAt: 1 })
    .lean();
  const used = new Map<string, number>();
  return runs.reverse().flatMap((past) => {
    const base = `v${past.version} · ${past.createdAt.toISOString().slice(5, 16).replace('T', ' ')}`;
    // Runs started in the same minute still need a column each.
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    const label = seen === 1 ? base : `${base} #${seen}`;
    const stats = (past.summary as { models?: { model: string; passRate: number }[] } | null)?.models ?? [];
    return stats.map((s) => ({ label, model: s.model, passRate: s.passRate }));
  });
}
