import type { FastifyInstance } from 'fastify';
import type { ProgressBus } from '../../core/ports.ts';
import type { RunProgressEvent } from '../../core/run/progress.ts';
import { isTerminal, type RunStatus } from '../../core/run/status.ts';
import type { Models } from '../../store/models/index.ts';
import { findSharedRun, type SharedRun } from '../../store/report-queries.ts';

function eventFromRun(run: SharedRun): RunProgressEvent {
  return {
    runId: String(run._id),
    status: run.status as RunStatus,
    done: run.counts?.done ?? 0,
    total: run.counts?.total ?? 0,
    errors: run.counts?.errors ?? 0,
    cached: run.counts?.cached ?? 0,
    costUsd: run.costUsd ?? 0,
    etaMs: null,
    message: run.message ?? '',
    at: new Date().toISOString(),
  };
}

// Proxies drop connections that stay silent; a comment line every 15 s keeps the stream open.
const HEARTBEAT_MS = 15_000;

/**
 * `GET /r/:shareId/events`: the run's progress as server-sent events. The first event is the
 * stored state; later ones come from the ProgressBus; the stream ends when the run does.
 */
export function registerEventsRoute(app: FastifyInstance, deps: { models: Models; progressBus: ProgressBus }) {
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
  });

  app.get<{ Params: { shareId: string } }>('/r/:shareId/events', async (request, reply) => {
    const run = await findSharedRun(deps.models, request.params.shareId);
    if (!run)
      return reply
        .status(404)
        .send({ error: 'not_found', message: 'This report link is unknown, was revoked, or has expired.' });
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: RunProgressEvent) => raw.write(`data: ${JSON.stringify(event)}\n\n`);
    send(eventFromRun(run));
    if (isTerminal(run.status as RunStatus)) {
      raw.end();
      return;
    }

    let closed = false;
    let unsubscribe: (() => Promise<void>) | undefined;
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      open.delete(close);
      void unsubscribe?.().catch((error) => request.log.warn({ err: error }, 'progress unsubscribe failed'));
      raw.end();
    };
    open.add(close);
    // The response closes when the browser goes away (the request's own 'close' only means its body was read).
    raw.on('close', close);
    unsubscribe = await deps.progressBus.subscribe(String(run._id), (event) => {
      if (closed) return;
      send(event);
      if (isTerminal(event.status)) close();
    });
    if (closed) {
      await unsubscribe();
      return;
    }
    // The run may have ended between reading it and subscribing; its last event would be lost.
    const now = await findSharedRun(deps.models, request.params.shareId);
    if (!now || isTerminal(now.status as RunStatus)) {
      if (now) send(eventFromRun(now));
      close();
    }
  });
}
