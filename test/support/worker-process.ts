/**
 * A worker in its own process, built from the environment exactly like `src/worker.ts`, for tests
 * that kill it and for the runner bench. `BH_TEST_SIMULATOR` (JSON) tunes its demo simulator, or
 * `BH_TEST_DEMO_URL` points it at one running elsewhere; `BH_TEST_WORKER` (JSON) passes worker
 * options. It prints `ready` once it takes work.
 */
import { loadConfig } from '../../src/config.ts';
import { startWorker, type WorkerOptions } from '../../src/jobs/start-worker.ts';
import type { SimulatorBehaviour } from '../../src/llm/simulator/behaviour.ts';
import { createLogger } from '../../src/logger.ts';
import { openRuntime } from '../../src/runtime.ts';
import { createServices } from '../../src/services.ts';

const config = loadConfig(process.env);
const logger = createLogger({ level: config.env.LOG_LEVEL, pretty: false, secrets: config.secrets });
const runtime = await openRuntime(config, logger);
const simulator = JSON.parse(process.env.BH_TEST_SIMULATOR ?? '{}') as Partial<SimulatorBehaviour>;
const demoBaseUrl = process.env.BH_TEST_DEMO_URL;
const services = await createServices(config, logger, runtime, {
  simulator,
  keySource: {},
  ...(demoBaseUrl ? { demoBaseUrl } : {}),
});
const worker = await startWorker(services, JSON.parse(process.env.BH_TEST_WORKER ?? '{}') as WorkerOptions);
process.stdout.write('ready\n');

process.once('SIGTERM', async () => {
  await worker.stop();
  await services.close();
  await runtime.close();
  process.exit(0);
});
