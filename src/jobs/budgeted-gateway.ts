import type { Catalog } from '../core/cost/catalog.ts';
import { DEFAULT_MAX_TOKENS } from '../core/cost/max-tokens.ts';
import type { Completion, CompletionRequest, ModelGateway } from '../core/ports.ts';
import { budgetMonth } from '../core/run/budget.ts';
import type { RedisBudgetLedger, Reservation } from './budget-ledger.ts';
import type { CallSlots } from './call-slots.ts';

const CANCELLED: Completion = {
  output: '',
  usage: { promptTokens: 0, completionTokens: 0 },
  costUsd: 0,
  latencyMs: 0,
  cached: false,
  error: { kind: 'cancelled', message: 'The call was cancelled.', retryable: false },
};

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
 * Wraps the gateway so that every call (answers and judge calls alike) holds one of the process's
 * call slots, first reserves its worst case against the workspace's monthly budget and then settles
 * what it really cost. The slot is taken before the reservation, so calls waiting for one hold no
 * budget, and freed before the settlement, so the next call need not wait for the ledger.
 */
export function budgetedGateway(options: {
  gateway: ModelGateway;
  slots: Pick<CallSlots, 'take'>;
  ledger: RedisBudgetLedger;
  catalog: () => Catalog;
  workspaceId: string;
  monthlyBudgetUsd: number;
  now: () => Date;
  onAlert: () => void;
}): ModelGateway {
  return {
    async complete(request: CompletionRequest): Promise<Completion> {
      const release = await options.slots.take(request.priority ?? 'batch', request.signal);
      if (!release) return CANCELLED;
      let reservation: Reservation;
      try {
        const month = budgetMonth(options.now());
        const worst = worstCaseUsd(options.catalog(), request);
        reservation = await options.ledger.reserve(options.workspaceId, month, worst, options.monthlyBudgetUsd);
        if (!reservation.granted) throw new BudgetDeniedError(reservation.remainingUsd);
      } catch (error) {
        release();
        throw error;
      }
      let completion: Completion | undefined;
      try {
        completion = await options.gateway.complete(request);
        return completion;
      } finally {
        release();
        if (await reservation.settle(completion?.costUsd ?? 0)) options.onAlert();
      }
    },
  };
}
