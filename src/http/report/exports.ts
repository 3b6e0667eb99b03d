import { Readable } from 'node:stream';
import { csvCell, EXPORT_COLUMNS, exportRow } from '../../core/use-cases/export-results.ts';
import type { ExportFormat } from '../../core/use-cases/hub.ts';
import type { Models } from '../../store/models/index.ts';
import { toResult } from '../../store/record-mappers.ts';
import type { RunContext, SharedRun } from '../../store/report-queries.ts';
import { streamRunResults } from '../../store/report-queries.ts';

/**
 * A run's results as a stream in the given format, read from a database cursor so a download of
 * any size holds one result in memory at a time.
 */
export function exportStream(models: Models, run: SharedRun, context: RunContext, format: ExportFormat): Readable {
  const cursor = streamRunResults(models, run._id);
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `${EXPORT_COLUMNS.join(',')}\r\n`;
    if (format === 'json') {
      const header = { benchmark: context.benchmarkName, version: run.version, status: run.status, models: run.models };
      yield `{"run":${JSON.stringify(header)},"summary":${JSON.stringify(run.summary ?? null)},"results":[`;
    }
    let first = true;
    for await (const doc of cursor) {
      const row = exportRow(toResult(doc), context.cases.get(doc.caseId)?.expected ?? '');
      if (format === 'csv') yield `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
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
