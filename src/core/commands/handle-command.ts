import type { Actor, ChatRef } from '../use-cases/actor.ts';
import type { BenchmarkHub } from '../use-cases/hub.ts';
import { builderForm } from './builder-form.ts';
import type { Command } from './command.ts';
import { builderValuesOf } from './definition-text.ts';
import { bold, usd } from './format.ts';
import {
  benchmarkDetailReply,
  benchmarkListReply,
  benchmarkSavedReply,
  deleteConfirmReply,
  templatesReply,
} from './replies/benchmark.ts';
import { budgetReply } from './replies/budget.ts';
import { compareReply } from './replies/compare.ts';
import { estimateReply } from './replies/estimate.ts';
import { exportReply } from './replies/export.ts';
import { helpReply } from './replies/help.ts';
import { historyReply } from './replies/history.ts';
import { leaderboardReply } from './replies/leaderboard.ts';
import { notice } from './replies/message.ts';
import { modelsReply } from './replies/models.ts';
import { activeRunsReply, cancelledReply, runStatusReply } from './replies/run-status.ts';
import type { Reply } from './reply.ts';

/** Where the command was typed; runs post their progress and result there. */
export interface CommandContext {
  chat?: ChatRef;
}

/** The builder form pre-filled with a benchmark's current definition. */
export async function editForm(hub: BenchmarkHub, actor: Actor, name: string): Promise<Reply> {
  const detail = await hub.showBenchmark(actor, name);
  const platform = actor.workspace.platform;
  return {
    kind: 'form',
    form: builderForm(platform, builderValuesOf(detail.definition, platform), detail.benchmark.name),
  };
}

/**
 * Carries out one `/bench` command for `actor` and answers with a platform-neutral reply.
 * Refusals throw `AppError`; the bot turns them into a reply with `errorReply`.
 */
export async function handleCommand(
  hub: BenchmarkHub,
  actor: Actor,
  command: Command,
  context: CommandContext = {},
): Promise<Reply> {
  switch (command.name) {
    case 'help':
      return helpReply(command.topic);
    case 'new':
      return { kind: 'form', form: builderForm(actor.workspace.platform) };
    case 'edit':
      return editForm(hub, actor, command.benchmark);
    case 'list':
      return benchmarkListReply(await hub.listBenchmarks(actor));
    case 'show':
      return benchmarkDetailReply(await hub.showBenchmark(actor, command.benchmark));
    case 'templates':
      return templatesReply(await hub.listTemplates());
    case 'fork':
      return benchmarkSavedReply(await hub.forkTemplate(actor, command.template, command.as), 'Forked');
    case 'delete': {
      // Look it up first so a typo is reported now, not after the user pressed Delete.
      const detail = await hub.showBenchmark(actor, command.benchmark);
      return deleteConfirmReply(detail.benchmark.name);
    }
    case 'run':
      return estimateReply(
        await hub.requestRun(actor, {
          benchmark: command.benchmark,
          ...(command.models.length > 0 ? { models: command.models } : {}),
          ...(command.samples !== undefined ? { samples: command.samples } : {}),
          ...(command.cache !== undefined ? { cache: command.cache } : {}),
          ...(context.chat ? { chat: context.chat } : {}),
        }),
      );
    case 'cancel':
      return { ...cancelledReply(await hub.cancelRun(actor, command.run)), replaceOriginal: false };
    case 'status':
      return command.run
        ? runStatusReply(await hub.getRun(actor, command.run))
        : activeRunsReply(await hub.activeRuns(actor));
    case 'history':
      return historyReply(command.benchmark, await hub.history(actor, command.benchmark, command.page));
    case 'compare':
      return compareReply(await hub.compareRuns(actor, command.runA, command.runB));
    case 'leaderboard':
      return leaderboardReply(await hub.leaderboard(actor));
    case 'export':
      return exportReply(command.run, await hub.exportRun(actor, command.run, command.format));
    case 'models':
      return modelsReply(command.search, await hub.searchModels(command.search, 20));
    case 'budget':
      if (command.set === undefined) return budgetReply(await hub.getBudget(actor));
      return budgetReply(await hub.setBudget(actor, command.set), `Monthly budget set to ${bold(usd(command.set))}.`);
    case 'threshold':
      return budgetReply(
        await hub.setThreshold(actor, command.set),
        `Runs estimated above ${bold(usd(command.set))} now ask for confirmation.`,
      );
    case 'unshare': {
      const run = await hub.revokeShare(actor, command.run);
      return notice(`The public report link of run ${run.id} no longer works.`);
    }
  }
}
