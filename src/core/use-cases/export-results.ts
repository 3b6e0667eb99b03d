import type { ExportFile, ExportFormat } from './hub.ts';
import type { ResultRecord, RunRecord } from './store-ports.ts';

/** Columns of every results export (CSV header, JSON keys), in order. */
export const EXPORT_COLUMNS = [
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
export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean>;

/** One result as an export row; `expected` is the case's expected answer, when known. */
export function exportRow(result: ResultRecord, expected = ''): ExportRow {
  return {
    case_id: result.caseId,
    model: result.model,
    sample: result.sample,
    pass: result.pass,
    score: Number(result.score.toFixed(4)),
    cost_usd: result.costUsd,
    latency_ms: Math.round(result.latencyMs),
    prompt_tokens: result.promptTokens,
    completion_tokens: result.completionTokens,
    cached: result.cached,
    error: result.error ? `${result.error.kind}: ${result.error.message}` : '',
    reasons: result.checks
      .filter((check) => check.reason)
      .map((check) => `${check.type}: ${check.reason}`)
      .join('; '),
    expected,
    output: result.output,
  };
}

/** Quotes a CSV cell; cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function csvCell(value: unknown): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The results of a run as a downloadable file (CSV, JSON or JSON Lines). */
export function exportResults(
  run: RunRecord,
  results: ResultRecord[],
  format: ExportFormat,
  expectedOf: (caseId: string) => string = () => '',
): ExportFile {
  const base = `${run.benchmarkName.replace(/[^\w.-]+/g, '_')}-v${run.version}-${run.id}`;
  const rows = results.map((result) => exportRow(result, expectedOf(result.caseId)));
  if (format === 'csv') {
    const lines = [
      EXPORT_COLUMNS.join(','),
      ...rows.map((row) => EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(',')),
    ];
    return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: `${lines.join('\r\n')}\r\n` };
  }
  if (format === 'jsonl') {
    return {
      filename: `${base}.jsonl`,
      contentType: 'application/x-ndjson; charset=utf-8',
      body: rows.map((row) => `${JSON.stringify(row)}\n`).join(''),
    };
  }
  const document = {
    run: { id: run.id, benchmark: run.benchmarkName, version: run.version, status: run.status, models: run.models },
    summary: run.summary,
    results: rows,
  };
  return {
    filename: `${base}.json`,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(document, null, 2),
  };
}
