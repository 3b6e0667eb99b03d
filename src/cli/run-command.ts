import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseDefinition } from '../core/definition/index.ts';
import { isTerminal } from '../core/run/status.ts';
import type { Actor } from '../core/use-cases/actor.ts';
import type { BenchmarkHub, RunView, SavedBenchmark } from '../core/use-cases/hub.ts';
import type { CliArgs } from './args.ts';
import { estimateText, progressLine, resultsText } from './render.ts';
import type { Session } from './session.ts';

/** Directory the user ran the command in (the bootstrap runs us from the repository root). */
export const callerDir = () => process.env.BENCHMARKHUB_CWD ?? process.cwd();

/** Saves the file as a benchmark of the local workspace, or forks the template of that name. */
export async function loadBenchmark(hub: BenchmarkHub, actor: Actor, target: string): Promise<SavedBenchmark> {
  const path = resolve(callerDir(), target);
  if (!existsSync(path)) return hub.forkTemplate(actor, target);
  const text = readFileSync(path, 'utf8');
  const name = parseDefinition(text, { name: basename(path, extname(path)) }).definition.name;
  return hub.saveBenchmark(actor, { text, name });
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(question);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function waitForEnd(session: Session, actor: Actor, runId: string, showProgress: boolean): Promise<RunView> {
  const unsubscribe = await session.services.progressBus.subscribe(runId, (event) => {
    if (showProgress) process.stderr.write(progressLine(event.done, event.total, event.errors, event.costUsd));
  });
  try {
    for (;;) {
      const run = await session.hub.getRun(actor, runId);
      if (isTerminal(run.status) || run.status === 'paused_budget') return run;
      await new Promise((done) => setTimeout(done, 300));
    }
  } finally {
    await unsubscribe();
    if (showProgress) process.stderr.write('\n');
  }
}

/** `benchmarkhub run`: returns the process exit code. */
export async function runCommand(session: Session, actor: Actor, args: CliArgs): Promise<number> {
  const say = (text: string) => (args.json ? process.stderr : process.stdout).write(`${text}\n`);
  const saved = await loadBenchmark(session.hub, actor, args.target ?? '');
  const requested = await session.hub.requestRun(actor, {
    benchmark: saved.benchmark.name,
    ...(args.models ? { models: args.models } : {}),
    ...(args.samples ? { samples: args.samples } : {}),
    ...(args.cache === undefined ? {} : { cache: args.cache }),
  });
  say(`${saved.benchmark.name} v${saved.version}: ${saved.benchmark.caseCount} cases`);
  say(estimateText(requested.estimate));
  let run = requested.run;
  if (requested.needsConfirmation) {
    const interactive = process.stdin.isTTY && process.stderr.isTTY;
    const accepted = args.yes || (interactive && (await confirm('Start this run? [y/N] ')));
    if (!accepted) {
      await session.hub.cancelRun(actor, run.id);
      say(interactive ? 'Not started.' : 'This run needs confirmation: pass --yes to start it.');
      return 2;
    }
    run = await session.hub.confirmRun(actor, run.id);
  }
  const stopOnInterrupt = () => void session.hub.cancelRun(actor, run.id).catch(() => {});
  process.once('SIGINT', stopOnInterrupt);
  const finished = await waitForEnd(session, actor, run.id, !args.json && process.stderr.isTTY === true);
  process.off('SIGINT', stopOnInterrupt);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({
        runId: finished.id,
        status: finished.status,
        simulated: finished.simulated,
        models: finished.summary?.models ?? [],
        ranking: finished.summary?.ranking ?? [],
        estimate: { expectedUsd: requested.estimate.expectedUsd, worstUsd: requested.estimate.worstUsd },
        costUsd: finished.costUsd,
        counts: finished.counts,
        reportUrl: finished.reportUrl,
      })}\n`,
    );
  } else {
    say(resultsText(finished));
  }
  return finished.status === 'completed' && finished.counts.errors === 0 ? 0 : 1;
}
