import type { TemplateInfo } from '../../templates/catalog.ts';
import type { BenchmarkDetail, BenchmarkListItem, SavedBenchmark } from '../../use-cases/hub.ts';
import { bold, code, dateTime, truncate } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message, notice } from './message.ts';

const PREVIEW_CASES = 5;

/** `/bench list`. */
export function benchmarkListReply(items: BenchmarkListItem[]): MessageReply {
  if (items.length === 0) {
    return notice('No benchmarks yet. Create one with `/bench new`, or fork a template: `/bench templates`.');
  }
  return message(`${items.length} benchmarks`, [
    { type: 'header', text: `Benchmarks (${items.length})` },
    {
      type: 'table',
      columns: ['name', 'version', 'cases', 'last run'],
      rows: items.map((item) => [
        truncate(item.name, 40),
        `v${item.version}`,
        String(item.caseCount),
        item.lastRun ? `${item.lastRun.status} ${dateTime(item.lastRun.at)}` : '—',
      ]),
    },
    { type: 'notice', text: 'Run one with `/bench run <name>`; see its cases with `/bench show <name>`.' },
  ]);
}

function casePreview(input: unknown): string {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) {
    const last = input.at(-1) as { content?: unknown } | undefined;
    return typeof last?.content === 'string' ? last.content : '';
  }
  return '';
}

/** `/bench show <name>`: description, a few cases, versions and the last runs. */
export function benchmarkDetailReply(detail: BenchmarkDetail): MessageReply {
  const { benchmark, definition } = detail;
  const blocks: ReplyBlock[] = [{ type: 'header', text: `${benchmark.name} (v${benchmark.version})` }];
  if (benchmark.description) blocks.push({ type: 'text', text: benchmark.description });
  blocks.push({
    type: 'fields',
    fields: [
      { label: 'Cases', value: String(definition.cases.length) },
      { label: 'Models', value: definition.models.length > 0 ? definition.models.join(', ') : 'workspace defaults' },
      { label: 'Scoring', value: definition.assert.map((a) => a.type).join(', ') || 'exact match of `expected`' },
      { label: 'Samples', value: String(definition.samples) },
    ],
  });
  blocks.push({
    type: 'table',
    columns: ['case', 'input', 'expected'],
    rows: definition.cases
      .slice(0, PREVIEW_CASES)
      .map((testCase) => [
        truncate(testCase.id, 16),
        truncate(casePreview(testCase.input ?? testCase.vars?.input).replace(/\s+/g, ' '), 48),
        truncate(testCase.expected ?? '—', 20),
      ]),
  });
  if (definition.cases.length > PREVIEW_CASES) {
    blocks.push({ type: 'notice', text: `…and ${definition.cases.length - PREVIEW_CASES} more cases.` });
  }
  const versions = detail.versions
    .slice(0, 5)
    .map((v) => `v${v.version}: ${v.caseCount} cases, ${dateTime(v.createdAt)}`)
    .join('\n');
  if (versions) blocks.push({ type: 'text', text: `${bold('Versions')}\n${versions}` });
  const runs = detail.runs
    .slice(0, 5)
    .map((run) => `${code(run.id)} ${run.status}, ${run.models.length} models, [report](${run.reportUrl})`)
    .join('\n');
  blocks.push({ type: 'text', text: `${bold('Last runs')}\n${runs || 'none yet'}` });
  blocks.push({
    type: 'buttons',
    buttons: [
      { action: 'benchmark.run', label: 'Run', value: benchmark.name, style: 'primary' },
      { action: 'benchmark.edit', label: 'Edit', value: benchmark.name, style: 'default' },
    ],
  });
  return message(`${benchmark.name} v${benchmark.version}`, blocks);
}

/** After the builder form or a fork: what was saved and what to do next. Visible to the channel. */
export function benchmarkSavedReply(saved: SavedBenchmark, verb = 'Saved'): MessageReply {
  const { benchmark, version, report } = saved;
  const blocks: ReplyBlock[] = [
    {
      type: 'text',
      text: `${verb} ${bold(benchmark.name)} v${version}: ${benchmark.caseCount} cases (${report.format}).`,
    },
  ];
  for (const warning of report.warnings.slice(0, 5)) blocks.push({ type: 'notice', text: `⚠ ${warning}` });
  if (report.ignored.length > 0) {
    blocks.push({ type: 'notice', text: `Ignored: ${report.ignored.slice(0, 10).join(', ')}` });
  }
  blocks.push({
    type: 'buttons',
    buttons: [
      { action: 'benchmark.run', label: 'Run it', value: benchmark.name, style: 'primary' },
      { action: 'benchmark.show', label: 'Show', value: benchmark.name, style: 'default' },
    ],
  });
  return message(`${verb} ${benchmark.name} v${version}`, blocks, { private: false });
}

/** `/bench templates`. */
export function templatesReply(templates: TemplateInfo[]): MessageReply {
  if (templates.length === 0) return notice('No templates are installed.');
  const lines = templates.map(
    (t) => `${code(t.slug)} ${bold(t.name)} (${t.caseCount} cases): ${truncate(t.description, 110)}`,
  );
  return message(`${templates.length} templates`, [
    { type: 'header', text: `Templates (${templates.length})` },
    { type: 'text', text: lines.join('\n') },
    { type: 'notice', text: 'Copy one into this workspace with `/bench fork <template> [as <name>]`.' },
  ]);
}

/** `/bench delete <name>` asks before deleting. */
export function deleteConfirmReply(name: string): MessageReply {
  return message(`Delete ${name}?`, [
    {
      type: 'text',
      text: `Delete ${bold(name)} with all its versions? Past runs keep their reports.`,
    },
    {
      type: 'buttons',
      buttons: [
        { action: 'benchmark.delete', label: 'Delete', value: name, style: 'danger' },
        { action: 'dismiss', label: 'Keep it', value: '', style: 'default' },
      ],
    },
  ]);
}

export function deletedReply(name: string): MessageReply {
  return notice(`Deleted ${bold(name)}. Recreate it any time with \`/bench new\`.`, { replaceOriginal: true });
}
