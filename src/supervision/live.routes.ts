import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../http/auth.plugin.ts';
import { AppError } from '../shared/errors.ts';
import { createLiveHub } from './live.hub.ts';
import {
  activitySchema,
  type LiveFilter,
  type LiveScope,
  liveFilterSchema,
  liveStreamHeadersSchema,
  liveStreamQuerySchema,
} from './live.model.ts';
import { scopeOf } from './live.rules.ts';
import { getActivity, type LiveDeps, type LiveSession, startLiveSession } from './live.service.ts';

export interface LiveTimings {
  /** How often the process's poller reads new events (ms); default 1000. */
  pollMs?: number;
  /** How often an idle stream sends a comment line, so proxies keep it open (ms); default 15 000. */
  heartbeatMs?: number;
}

const tags = ['supervision'];
const watchers = { roles: ['system-admin', 'supervisor'] } as const;
/** A client that reads slower than this many buffered bytes is cut off; its EventSource resumes by Last-Event-ID. */
const MAX_BUFFERED = 1024 * 1024;

function scopeFor(request: FastifyRequest, filter: LiveFilter): LiveScope {
  const decision = scopeOf(principalOf(request), filter);
  if (!decision.ok)
    throw new AppError('forbidden', 'a provincial supervisor watches their own province only', [
      { path: 'querystring.province', message: decision.code },
    ]);
  return decision.scope;
}

/**
 * Live monitoring (issue 8 §1): the activity snapshot as JSON, and the same as a server-sent-events stream that
 * then carries each new exam event (`event: exam`, `id:` = event id) and warning change (`event: warning`), with a
 * comment heartbeat. One poller per process feeds every stream; the streams end when the app closes.
 */
export async function liveRoutes(base: FastifyInstance, deps: LiveDeps & LiveTimings): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const hub = createLiveHub({
    db: deps.db,
    clock: deps.clock,
    ...(deps.pollMs !== undefined && { pollMs: deps.pollMs }),
    onError: (err) => base.log.error({ err }, 'live monitoring: polling failed'),
  });
  const sessions = new Set<LiveSession>();
  // preClose, not onClose: the server waits for open connections before onClose runs, and a stream never ends.
  base.addHook('preClose', async () => {
    for (const session of sessions) session.close();
    sessions.clear();
    hub.close();
  });

  app.get(
    '/supervision/activity',
    {
      schema: {
        tags,
        summary:
          '实时监控 Evaluation activity now: plans in progress with their counts, today’s sittings, the latest ' +
          'exam events, open warnings — in the caller’s scope (a provincial supervisor: their province)',
        querystring: liveFilterSchema,
        response: { 200: activitySchema },
      },
      config: { access: watchers },
    },
    async (request) => getActivity(deps, scopeFor(request, request.query)),
  );

  app.get(
    '/supervision/live',
    {
      schema: {
        tags,
        summary:
          '实时监控推送 text/event-stream: `activity` (the snapshot), then `exam` per new exam event (id = event ' +
          'id; reconnect with Last-Event-ID to resume), `warning` per warning change, and a heartbeat comment',
        querystring: liveStreamQuerySchema,
        headers: liveStreamHeadersSchema,
      },
      config: { access: watchers },
    },
    async (request, reply) => {
      const { after, ...filter } = request.query;
      const scope = scopeFor(request, filter);
      const cursor = request.headers['last-event-id'] ?? after;
      // From here the response is ours: Fastify's serialisation and onSend hooks no longer apply (helmet's headers
      // were set on the raw response in onRequest and stay; nothing compresses responses).
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.flushHeaders();
      const session = startLiveSession(
        { ...deps, hub },
        {
          scope,
          after: cursor === undefined ? null : Number(cursor),
          heartbeatMs: deps.heartbeatMs ?? 15_000,
          sink: {
            write(frame) {
              if (res.writableEnded || res.destroyed) return;
              res.write(frame);
              if (res.writableLength > MAX_BUFFERED) res.destroy();
            },
            end() {
              if (!res.writableEnded && !res.destroyed) res.end();
            },
          },
          onError: (err) => request.log.error({ err }, 'live monitoring: stream failed'),
        },
      );
      sessions.add(session);
      res.on('close', () => {
        sessions.delete(session);
        session.close();
      });
    },
  );
}
