import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundledCatalog } from '../core/cost/bundled-catalog.ts';
import { DEMO_MODELS } from '../core/cost/demo-models.ts';
import { estimateRun } from '../core/cost/estimate.ts';
import { parseDefinition, renderMessages } from '../core/definition/index.ts';
import { AppError, InputError } from '../core/errors.ts';
import { ExportFormatSchema } from '../core/use-cases/hub.ts';
import { createTemplateLibrary } from '../templates/library.ts';
import { type CliArgs, parseCliArgs, USAGE } from './args.ts';
import { estimateText, resultsText, table } from './render.ts';
import { callerDir, runCommand } from './run-command.ts';
import { localActor, openSession } from './session.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);

function need(value: string | undefined, what: string): string {
  if (!value) throw new InputError([{ path: what, message: `missing ${what}; see \`benchmarkhub --help\`` }]);
  return value;
}

/** Parses a file or a template without any server. */
function definitionOf(target: string) {
  const path = resolve(callerDir(), target);
  try {
    return parseDefinition(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const template = createTemplateLibrary().get(target);
    if (!template) throw new InputError([{ path: 'file', message: `no file or template named "${target}"` }]);
    return template;
  }
}

async function offline(args: CliArgs): Promise<number | undefined> {
  if (args.command === 'validate') {
    const { definition, report } = definitionOf(need(args.target, 'file'));
    out(`valid ${report.format}: "${definition.name}", ${definition.cases.length} cases`);
    for (const line of [...report.warnings, ...report.ignored.map((item) => `ignored: ${item}`)]) out(line);
    return 0;
  }
  if (args.command === 'estimate') {
    const { definition } = definitionOf(need(args.target, 'file'));
    const models = args.models ?? (definition.models.length ? definition.models : DEMO_MODELS.map((m) => m.id));
    const estimate = estimateRun({
      definition,
      models,
      samples: args.samples ?? definition.samples,
      catalog: bundledCatalog(),
      renderMessages: (testCase) => renderMessages(definition, testCase),
    });
    out(args.json ? JSON.stringify(estimate) : estimateText(estimate));
    return 0;
  }
  if (args.command === 'templates') {
    const rows = createTemplateLibrary()
      .list()
      .map((t) => [t.slug, String(t.caseCount), t.description.slice(0, 70)]);
    out(table(['template', 'cases', 'what it measures'], rows));
    return 0;
  }
  return undefined;
}

async function online(args: CliArgs): Promise<number> {
  const known = ['run', 'list', 'show', 'history', 'export', 'cancel'];
  if (!known.includes(args.command)) {
    throw new InputError([{ path: 'command', message: `unknown command "${args.command}"\n\n${USAGE}` }]);
  }
  const session = await openSession({
    worker: args.command === 'run',
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
  });
  const actor = localActor();
  try {
    switch (args.command) {
      case 'run':
        return await runCommand(session, actor, { ...args, target: need(args.target, 'file or template') });
      case 'list': {
        const rows = (await session.hub.listBenchmarks(actor)).map((b) => [
          b.name,
          `v${b.version}`,
          String(b.caseCount),
        ]);
        out(table(['benchmark', 'version', 'cases'], rows));
        return 0;
      }
      case 'show': {
        const detail = await session.hub.showBenchmark(actor, need(args.target, 'name'));
        out(`${detail.benchmark.name} v${detail.benchmark.version}: ${detail.benchmark.description}`);
        out(
          table(
            ['case', 'expected'],
            detail.definition.cases.slice(0, 20).map((c) => [c.id, c.expected ?? '']),
          ),
        );
        return 0;
      }
      case 'history': {
        const page = await session.hub.history(actor, need(args.target, 'name'), args.page);
        for (const run of page.items) out(`${run.id}  ${run.createdAt.toISOString()}\n${resultsText(run)}\n`);
        out(`page ${page.page} of ${page.pages}`);
        return 0;
      }
      case 'export': {
        const format = ExportFormatSchema.safeParse(args.format);
        if (!format.success) throw new InputError([{ path: 'format', message: 'expected csv, json or jsonl' }]);
        process.stdout.write((await session.hub.exportRun(actor, need(args.target, 'run id'), format.data)).body);
        return 0;
      }
      default: {
        const run = await session.hub.cancelRun(actor, need(args.target, 'run id'));
        out(`run ${run.id}: ${run.status}`);
        return 0;
      }
    }
  } finally {
    await session.close();
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.help || args.command === 'help') {
      out(USAGE);
      return 0;
    }
    return (await offline(args)) ?? (await online(args));
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`error: ${error.userMessage}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`error: ${error.userMessage}\n`);
      return error.code === 'not_found' ? 2 : 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
