import type { Catalog } from '../core/cost/catalog.ts';
import { DEFAULT_MAX_TOKENS } from '../core/cost/max-tokens.ts';
import type { Completion, CompletionRequest, ModelGateway } from '../core/ports.ts';
import { budgetMonth } from '../core/run/budget.ts';
import type { RedisBudgetLedger } from './budget-ledger.ts';

/** A call the workspace budget could not cover. */
export class BudgetDeniedError extends Error {
  readonly remainingUsd: number;
  constructor(remainingUsd: number) {
    super('monthly budget reached');
    this.name = 'BudgetDeniedError';
    this.remainingUsd = remainingUsd;
  }
}

/** Per-message framing tokens of the chat format (role, separators), generously rounded up. */
const MESSAGE_OVERHEAD_TOKENS = 8;

/**
 * An upper bound of a prompt's tokens without running a tokenizer on every call: every BPE token
 * stands for at least one UTF-8 byte. (Estimates count exactly; a reservation only needs a bound.)
 */
function promptTokenBound(request: CompletionRequest): number {
  return request.messages.reduce(
    (sum, message) => sum + Buffer.byteLength(message.content, 'utf8') + MESSAGE_OVERHEAD_TOKENS,
    0,
  );
}

/** The most a call can cost: the prompt plus `max_tokens` of completion at catalog prices. */
export function worstCaseUsd(catalog: Catalog, request: CompletionRequest): number {
  const price = catalog.price(request.model);
  if (!price) return 0;
  const completion = request.params.max_tokens ?? DEFAULT_MAX_TOKENS;
  return promptTokenBound(request) * price.promptPerToken + completion * price.completionPerToken + price.perRequest;
}

/**
 * Wraps the gateway so that every call (answers and judge calls alike) first reserves its worst
 * case against the workspace's monthly budget and then settles what it really cost.
 */
export function budgetedGateway(options: {
  gateway: ModelGateway;
  ledger: RedisBudgetLedger;
  catalog: () => Catalog;
  workspaceId: string;
  monthlyBudgetUsd: number;
  now: () => Date;
  onAlert: () => void;
}): ModelGateway {
  return {
    async complete(request: CompletionRequest): Promise<Completion> {
      const month = budgetMonth(options.now());
      const worst = worstCaseUsd(options.catalog(), request);
      const reservation = await options.ledger.reserve(options.workspaceId, month, worst, options.monthlyBudgetUsd);
      if (!reservation.granted) throw new BudgetDeniedError(reservation.remainingUsd);
      let completion: Completion | undefined;
      try {
        completion = await options.gateway.complete(request);
        return completion;
      } finally {
        if (await reservation.settle(completion?.costUsd ?? 0)) options.onAlert();
      }
    },
  };
}
