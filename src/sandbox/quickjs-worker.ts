import { parentPort } from 'node:worker_threads';
import { newQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { ScriptInput, ScriptLimits } from '../core/ports.ts';
import { runScript } from './quickjs-run.ts';

/** A request from the host: one script to evaluate. */
export interface WorkerRequest {
  id: number;
  code: string;
  input: ScriptInput;
  limits: ScriptLimits;
}

const port = parentPort;
if (!port) throw new Error('quickjs-worker runs as a worker thread');

let module: QuickJSWASMModule = await newQuickJSWASMModule();
port.postMessage({ ready: true });

port.on('message', async (request: WorkerRequest) => {
  const { result, clean } = runScript(module, request.code, request.input, request.limits);
  port.postMessage({ id: request.id, result });
  // A runtime QuickJS could not free leaves the module suspect; the next script gets a new one.
  if (!clean) module = await newQuickJSWASMModule();
});
