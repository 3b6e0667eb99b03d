/**
 * The demo simulator in its own process: the runner bench's model provider. A deployment reaches its
 * provider over the network, so the provider is none of the project's processes and the bench does
 * not count it. `BH_SIMULATOR` (JSON) sets its behaviour; it prints its base URL once it serves.
 */
import type { SimulatorBehaviour } from '../../src/llm/simulator/behaviour.ts';
import { startSimulator } from '../../src/llm/simulator/server.ts';

const behaviour = JSON.parse(process.env.BH_SIMULATOR ?? '{}') as Partial<SimulatorBehaviour>;
const simulator = await startSimulator({ behaviour, record: false });
process.stdout.write(`${simulator.url}\n`);
process.once('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
