import type { BudgetView } from '../../use-cases/hub.ts';
import { usd } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message } from './message.ts';

/** `/bench budget` and the answer to `budget set` / `threshold set`. */
export function budgetReply(budget: BudgetView, changed?: string): MessageReply {
  const blocks: ReplyBlock[] = [];
  if (changed) blocks.push({ type: 'text', text: changed });
  blocks.push({ type: 'header', text: `Budget ${budget.month}` });
  blocks.push({
    type: 'fields',
    fields: [
      { label: 'Monthly budget', value: budget.monthlyBudgetUsd > 0 ? usd(budget.monthlyBudgetUsd) : 'none' },
      { label: 'Spent', value: usd(budget.spentUsd) },
      { label: 'Left', value: budget.monthlyBudgetUsd > 0 ? usd(budget.remainingUsd) : 'unlimited' },
      { label: 'Confirm runs above', value: usd(budget.confirmThresholdUsd) },
      { label: 'Default models', value: budget.defaultModels.join(', ') || 'none' },
    ],
  });
  if (!budget.isAdmin) {
    blocks.push({ type: 'notice', text: 'Only workspace admins can change the budget and the threshold.' });
  }
  return message(changed ?? `Budget ${budget.month}: ${usd(budget.spentUsd)} spent`, blocks, {
    private: changed === undefined,
  });
}
