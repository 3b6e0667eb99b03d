/** A failure the simulator can be told to produce for one request. */
export type SimulatedFault =
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'malformed'
  | 'no_choices'
  | 'out_of_credits'
  | 'context_too_long'
  | 'content_filtered'
  | 'network';

/** How the simulator answers; tests and benches change it while it runs with `setBehaviour`. */
export interface SimulatorBehaviour {
  /** Latency of every answer; unset: each model's own latency. */
  latencyMs: number | undefined;
  /** Uniform jitter added to the latency, ± this many ms. */
  jitterMs: number;
  /** Answer 429 once more than `max` requests arrived within the last `windowMs`. */
  rateLimit: { max: number; windowMs: number } | null;
  /** The wait a 429 asks for, sent as `Retry-After` (whole seconds, rounded up) and `retry-after-ms`. */
  retryAfterMs: number;
  /** Faults for the next requests, in order (a 429 storm is a run of `rate_limited`). */
  script: SimulatedFault[];
  /** Share (0..1) of requests answered 500/502/503. */
  errorRate5xx: number;
  /** Share of requests never answered. */
  timeoutRate: number;
  /** Share of requests answered with a body that is not a chat completion. */
  malformedRate: number;
  /** Include `usage` token counts. */
  usage: boolean;
  /** Include OpenRouter's `usage.cost` (needs `usage`). */
  cost: boolean;
  /** Answer every request 402 (out of credits). */
  status402: boolean;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get 401. */
  apiKey: string | null;
  /** Fixed answer text when the request carries no expected answer. */
  reply: string | null;
}

export const DEFAULT_BEHAVIOUR: SimulatorBehaviour = {
  latencyMs: undefined,
  jitterMs: 0,
  rateLimit: null,
  retryAfterMs: 1000,
  script: [],
  errorRate5xx: 0,
  timeoutRate: 0,
  malformedRate: 0,
  usage: true,
  cost: true,
  status402: false,
  apiKey: null,
  reply: null,
};

/** Picks the fault (if any) for the next request: scripted faults first, then the random rates. */
export function nextFault(behaviour: SimulatorBehaviour, random: () => number): SimulatedFault | undefined {
  const scripted = behaviour.script.shift();
  if (scripted) return scripted;
  if (behaviour.status402) return 'out_of_credits';
  if (behaviour.errorRate5xx > 0 && random() < behaviour.errorRate5xx) return 'server_error';
  if (behaviour.timeoutRate > 0 && random() < behaviour.timeoutRate) return 'timeout';
  if (behaviour.malformedRate > 0 && random() < behaviour.malformedRate) return 'malformed';
  return undefined;
}
