/** A simulated model served by the built-in simulator, so the product works with no API key. */
export interface DemoModel {
  /** Model reference as users type it. */
  id: `demo:${string}`;
  name: string;
  /** Chance the simulator answers a case with its expected answer. */
  accuracy: number;
  /** Typical latency of one call, before jitter. */
  latencyMs: number;
  /** USD per prompt token. */
  promptPerToken: number;
  /** USD per completion token. */
  completionPerToken: number;
  contextLength: number;
}

/**
 * The three demo models. Their trade-offs mirror real choices (accurate but slow and pricey,
 * fast, cheap) so a demo run shows a meaningful ranking, cost and latency chart.
 */
export const DEMO_MODELS: readonly DemoModel[] = [
  {
    id: 'demo:smart',
    name: 'Demo Smart (simulated)',
    accuracy: 0.9,
    latencyMs: 300,
    promptPerToken: 0.000003,
    completionPerToken: 0.000015,
    contextLength: 128_000,
  },
  {
    id: 'demo:fast',
    name: 'Demo Fast (simulated)',
    accuracy: 0.7,
    latencyMs: 80,
    promptPerToken: 0.0000006,
    completionPerToken: 0.0000024,
    contextLength: 128_000,
  },
  {
    id: 'demo:cheap',
    name: 'Demo Cheap (simulated)',
    accuracy: 0.5,
    latencyMs: 150,
    promptPerToken: 0.0000001,
    completionPerToken: 0.0000004,
    contextLength: 32_000,
  },
];

/** The demo model a reference names (`demo:smart`), if any. */
export function findDemoModel(ref: string): DemoModel | undefined {
  return DEMO_MODELS.find((model) => model.id === ref);
}
