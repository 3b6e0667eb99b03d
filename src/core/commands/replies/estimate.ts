import type { ModelEstimate } from '../../cost/estimate-schema.ts';
import type { BudgetView, RunRequested } from '../../use-cases/hub.ts';
import { bold, code, dateTime, usd } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message } from './message.ts';

function budgetLine(budget: BudgetView, worstUsd: number): string {
  if (budget.monthlyBudgetUsd <= 0) return `No monthly budget set (spent ${usd(budget.spentUsd)} in ${budget.month}).`;
  const after = budget.remainingUsd - worstUsd;
  const warning = after < 0 ? ' ⚠ the worst case exceeds what is left; the run pauses when the budget runs out.' : '';
  return `Budget ${budget.month}: ${usd(budget.remainingUsd)} left of ${usd(budget.monthlyBudgetUsd)}.${warning}`;
}

/**
 * The cost estimate of a requested run, visible only to the requester. Runs above the workspace
 * threshold carry Confirm / Cancel; runs below it were queued already and the reply says so.
 */
export function estimateReply(requested: RunRequested): MessageReply {
  const { run, estimate, budget, needsConfirmation } = requested;
  const row = (entry: ModelEstimate, label: string) => [
    label,
    String(entry.calls),
    entry.priced ? usd(entry.expectedUsd) : 'unpriced',
    entry.priced ? usd(entry.worstUsd) : 'unpriced',
  ];
  const rows = [
    ...estimate.models.map((entry) => row(entry, entry.model)),
    ...estimate.judge.map((entry) => row(entry, `judge ${entry.model}`)),
  ];
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `Estimate: ${run.benchmark} v${run.version}` },
    {
      type: 'text',
      text: `${estimate.calls} calls (${estimate.cases} cases × ${run.models.length} models × ${estimate.samples} samples). Expected ${bold(usd(estimate.expectedUsd))}, worst case ${bold(usd(estimate.worstUsd))}.`,
    },
    { type: 'table', columns: ['model', 'calls', 'expected', 'worst case'], rows },
  ];
  if (estimate.unknownModels.length > 0) {
    blocks.push({
      type: 'error',
      text: `No price known for ${estimate.unknownModels.map(code).join(', ')}: their cost is not in the totals.`,
    });
  }
  blocks.push({ type: 'notice', text: budgetLine(budget, estimate.worstUsd) });
  if (run.simulated) blocks.push({ type: 'notice', text: 'Demo models: answers are simulated and cost nothing.' });
  if (!needsConfirmation) {
    blocks.push({
      type: 'notice',
      text: `Below the ${usd(budget.confirmThresholdUsd)} confirmation threshold, so run ${code(run.id)} started; progress follows in the channel.`,
    });
    return message(`Run ${run.id} started`, blocks);
  }
  const expires = run.confirmationExpiresAt ? ` (until ${dateTime(run.confirmationExpiresAt)})` : '';
  blocks.push({ type: 'notice', text: `Confirm to start run ${code(run.id)}${expires}.` });
  blocks.push({
    type: 'buttons',
    buttons: [
      { action: 'run.confirm', label: `Confirm (${usd(estimate.expectedUsd)})`, value: run.id, style: 'primary' },
      { action: 'run.cancel', label: 'Cancel', value: run.id, style: 'danger' },
    ],
  });
  return message(`Estimate for ${run.benchmark}: ${usd(estimate.expectedUsd)} expected`, blocks);
}
