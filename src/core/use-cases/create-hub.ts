import * as benchmarks from './benchmarks.ts';
import * as budget from './budget.ts';
import type { BenchmarkHub } from './hub.ts';
import type { HubDeps } from './hub-deps.ts';
import * as insights from './insights.ts';
import * as runs from './runs.ts';
import * as workspaceData from './workspace-data.ts';

/** The use cases bound to their adapters. */
export function createHub(deps: HubDeps): BenchmarkHub {
  return {
    saveBenchmark: (actor, input) => benchmarks.saveBenchmark(deps, actor, input),
    listBenchmarks: (actor) => benchmarks.listBenchmarks(deps, actor),
    showBenchmark: (actor, name) => benchmarks.showBenchmark(deps, actor, name),
    deleteBenchmark: (actor, name) => benchmarks.deleteBenchmark(deps, actor, name),
    listTemplates: async () => deps.templates.list(),
    forkTemplate: (actor, template, asName) => benchmarks.forkTemplate(deps, actor, template, asName),
    searchModels: async (query, limit) => benchmarks.searchModels(deps, query, limit),
    requestRun: (actor, input) => runs.requestRun(deps, actor, input),
    confirmRun: (actor, runId) => runs.confirmRun(deps, actor, runId),
    cancelRun: (actor, runId) => runs.cancelRun(deps, actor, runId),
    rerun: (actor, runId, chat) => runs.rerun(deps, actor, runId, chat),
    getRun: (actor, runId) => runs.getRun(deps, actor, runId),
    activeRuns: (actor) => runs.activeRuns(deps, actor),
    history: (actor, name, page) => runs.history(deps, actor, name, page),
    attachChat: (actor, runId, chat) => runs.attachChat(deps, actor, runId, chat),
    revokeShare: (actor, runId) => runs.revokeShare(deps, actor, runId),
    compareRuns: (actor, a, b) => insights.compareRuns(deps, actor, a, b),
    leaderboard: (actor) => insights.leaderboard(deps, actor),
    exportRun: (actor, runId, format) => insights.exportRun(deps, actor, runId, format),
    getBudget: (actor) => budget.getBudget(deps, actor),
    setBudget: (actor, usd) => budget.setBudget(deps, actor, usd),
    setThreshold: (actor, usd) => budget.setThreshold(deps, actor, usd),
    setDefaultModels: (actor, models) => budget.setDefaultModels(deps, actor, models),
    deleteWorkspace: (actor) => workspaceData.deleteWorkspace(deps, actor),
  };
}
