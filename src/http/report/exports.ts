import { Readable } from 'node:stream';
import type { Models } from '../../store/models/index.ts';
import type { RunContext, SharedRun } from '../../store/report-queries.ts';
import { streamRunResults } from '../../store/report-queries.ts';

export type ExportFormat = 'csv' | 'json' | 'jsonl';

const COLUMNS = [
  'case_id',
  'model',
  'sample',
  'pass',
  'score',
  'cost_usd',
  'latency_ms',
  'prompt_tokens',
  'completion_tokens',
  'cached',
  'error',
  'reasons',
  'expected',
  'output',
] as const;

type ResultDoc = Record<string, unknown> & {
  caseId: string;
  checks?: unknown;
  error?: { kind?: string; message?: string } | null;
};

function exportRow(doc: ResultDoc, context: RunContext): Record<(typeof COLUMNS)[number], unknown> {
  const checks = Array.isArray(doc.checks) ? (doc.checks as { type?: string; reason?: string }[]) : [];
  return {
    case_id: doc.caseId,
    model: doc.model,
    sample: doc.sample,
    pass: doc.pass,
    score: doc.score,
    cost_usd: doc.costUsd,
    latency_ms: doc.latencyMs,
    prompt_tokens: doc.promptTokens,
    completion_tokens: doc.completionTokens,
    cached: doc.cached,
    error: doc.error?.kind ? `${doc.error.kind}: ${doc.error.message ?? ''}` : '',
    reasons: checks
      .filter((check) => check?.reason)
      .map((check) => `${check.type ?? 'check'}: ${check.reason}`)
      .join('; '),
    expected: context.cases.get(doc.caseId)?.expected ?? '',
    output: doc.output ?? '',
  };
}

/** Quotes a CSV cell; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A run's results as a stream in the given format, read from a database cursor so a download of
 * any size holds one result in memory at a time.
 */
export function exportStream(models: Models, run: SharedRun, context: RunContext, format: ExportFormat): Readable {
  const cursor = streamRunResults(models, run._id);
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `${COLUMNS.join(',')}\r\n`;
    if (format === 'json') {
      const header = { benchmark: context.benchmarkName, version: run.version, status: run.status, models: run.models };
      yield `{"run":${JSON.stringify(header)},"summary":${JSON.stringify(run.summary ?? null)},"results":[`;
    }
    let first = true;
    for await (const doc of cursor) {
      const row = exportRow(doc as unknown as ResultDoc, context);
      if (format === 'csv') yield `${COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
      else if (format === 'jsonl') yield `${JSON.stringify(row)}\n`;
      else {
        yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
        first = false;
      }
    }
    if (format === 'json') yield '\n]}\n';
  }
  return Readable.from(lines());
}

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};
