import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import { secretHashingOf } from './accounts/secrets.ts';
import { hutongModules } from './app.module-list.ts';
import { examsContext, type ModuleContext } from './app.modules.ts';
import type { Catalog } from './catalog/catalog.model.ts';
import { type Config, projectRoot } from './config.ts';
import { didWebOf, type SigningKey } from './credentials/keys.ts';
import { wellKnownRoutes } from './credentials/well-known.routes.ts';
import type { BulkRunner, Engine, ScriptRunner } from './db/database.ts';
import type { Database } from './db/schema.ts';
import { authPlugin } from './http/auth.plugin.ts';
import { errorsPlugin } from './http/errors.plugin.ts';
import { stdoutLogStream } from './http/log-format.ts';
import { accessLogPlugin, redactingStream, redactUrl } from './http/log-redaction.ts';
import { type QueueOptions, startJobQueue } from './jobs/jobs.queue.ts';
import { createMemoryCounters } from './limits/limits.memory.ts';
import { rateLimitStore } from './limits/limits.rate-store.ts';
import { createPostgresCounters } from './limits/limits.store.ts';
import type { Keyring } from './protection/protection.service.ts';
import { createChallengeIssuer } from './query/query.challenge.ts';
import type { PolicyPacks } from './recognition/recognition.load.ts';
import { loadPolicyPacks } from './recognition/recognition.load.ts';
import type { Clock } from './shared/clock.ts';
import { AppError } from './shared/errors.ts';
import { createSourceDirectory } from './sources/sources.store.ts';
import type { LiveTimings } from './supervision/live.routes.ts';
import { loadSupervisionRules } from './supervision/supervision.rules-data.ts';

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  /**
   * Reads that may lag by replication delay (issue 16 §3: the public query, the institution directory as the public
   * sees it, status lists, explainer pages, statistics); the primary when no replica is configured.
   */
  readDb?: Kysely<Database>;
  engine: Engine;
  /** Multi-statement scripts (the job queue's own migration); `DatabaseHandle.script`. */
  script: ScriptRunner;
  /** The job queue's polling, maintenance and lease times; tests shorten them. */
  jobTimings?: Omit<QueueOptions, 'work' | 'log'>;
  catalog: Catalog;
  clock: Clock;
  keyring: Keyring;
  bulk: BulkRunner;
  /** The active credential signing key (registered in `credential_keys` by the caller). */
  signing: SigningKey;
  /** Policy packs; loaded from `policies/` when not given. */
  policies?: PolicyPacks;
  /** Logger options; `stream` is wrapped like `logStream`. `false` turns logging off. */
  logger?: Exclude<FastifyServerOptions['logger'], true>;
  /**
   * Where log lines go (stdout when not given: readable lines on a terminal, JSON otherwise, HUTONG_LOG_FORMAT);
   * every line is masked for ID numbers on its way (issue 17 §3).
   */
  logStream?: DestinationStream;
  webDir?: string;
  /** Live monitoring's poll and heartbeat intervals (issue 8 §1); tests shorten them. */
  live?: LiveTimings;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Personal data and secrets never reach the log (issue 2 §6). */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.idNumber',
  '*.token',
  '*.sessionSecret',
  '*.secret',
];

export { redactUrl };

export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};

function loggerOptions(deps: AppDeps): FastifyServerOptions['logger'] {
  if (deps.logger === false) return false;
  const given = deps.logger ?? {};
  const target =
    deps.logStream ??
    (given.stream as DestinationStream | undefined) ??
    stdoutLogStream(deps.config.logFormat);
  return {
    level: deps.config.logLevel,
    redact: { paths: logRedactPaths, censor: '[redacted]' },
    serializers: logSerializers,
    ...given,
    stream: redactingStream(target),
  };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, clock, catalog } = deps;
  const readDb = deps.readDb ?? db;
  const did = didWebOf(config.publicUrl);
  const app = Fastify({
    logger: loggerOptions(deps),
    // One access line per request instead of Fastify's two (accessLogPlugin).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    // Only the configured proxies are believed: a client cannot pick its own address for the limits.
    ...(config.trustProxy.length > 0 && { trustProxy: [...config.trustProxy] }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(accessLogPlugin);
  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  // Shared by every API process on PostgreSQL (issue 16 §4); the embedded store has one process, so memory is exact.
  const counters = deps.engine === 'postgres' ? createPostgresCounters(db) : createMemoryCounters();
  await app.register(rateLimit, {
    global: false,
    ...(deps.engine === 'postgres' && { store: rateLimitStore(counters) }),
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        'too_many_requests',
        `rate limit exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
        undefined,
        {
          'retry-after': String(Math.ceil(ctx.ttl / 1000)),
        },
      ),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Hutong 互通 API',
        version: '1',
        description: '职业技能证书互通互认 — mutual recognition of vocational certificates',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'hutong_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  const secrets = () => secretHashingOf(deps.keyring.protector());
  await app.register(authPlugin, { db, clock, adminToken: config.adminToken, secrets });

  const ctx: ModuleContext = {
    config,
    db,
    readDb,
    engine: deps.engine,
    catalog,
    clock,
    keyring: deps.keyring,
    bulk: deps.bulk,
    signing: deps.signing,
    did,
    counters,
    // Signed with the keyring's HMAC key, so every API process accepts the challenges any of them issued.
    challenges: createChallengeIssuer({
      bits: config.publicPowBits,
      counters,
      sign: (payload) => deps.keyring.protector().index('query:pow', payload),
    }),
    secrets,
    policies: deps.policies ?? loadPolicyPacks(path.join(projectRoot, 'policies'), catalog),
    ...(deps.live && { live: deps.live }),
    registry: { db, clock, catalog, keyring: deps.keyring, bulk: deps.bulk, counters },
    directory: createSourceDirectory(db),
    exams: examsContext({ db, catalog, clock }),
    supervision: loadSupervisionRules(),
    log: (msg, err) => app.log.error({ err }, msg),
  };
  const modules = hutongModules.map((factory) => factory(ctx));
  // Issue 16 §2: background work as jobs. Every process sends; the worker and all roles take them.
  const jobs = await startJobQueue(
    db,
    deps.script,
    modules.flatMap((m) => (m.jobs ?? []).map((j) => j.definition)),
    { ...deps.jobTimings, work: config.role !== 'api', log: ctx.log },
  );
  for (const m of modules)
    for (const j of m.jobs ?? []) if (j.every) jobs.every(j.definition, j.every.data, j.every.ms);
  app.addHook('onClose', () => jobs.stop());
  // Jobs are taken once the server is ready, after its port opens (listen binds in the promise chain that follows
  // ready, before any setImmediate): start-up serves first (issue 16 §6).
  app.addHook('onReady', async () => {
    setImmediate(() => {
      jobs.begin().catch((error: unknown) => ctx.log('the job queue could not start taking jobs', error));
    });
  });
  await app.register(
    async (api) => {
      api.withTypeProvider().get(
        '/health',
        {
          schema: {
            tags: ['system'],
            summary: '健康检查 Health',
            response: { 200: z.object({ status: z.literal('ok') }) },
          },
          config: { access: { public: true } },
        },
        async () => ({ status: 'ok' as const }),
      );
      for (const m of modules) await m.routes(api, jobs);
    },
    { prefix: '/api/v1' },
  );

  await app.register(wellKnownRoutes, { db, did });
  registerWeb(app, deps.webDir ?? path.join(projectRoot, 'web', 'dist'));
  return app;
}

/** The built React app at `/`; unknown non-API GETs get index.html so client-side routes survive a reload. */
function registerWeb(app: FastifyInstance, webDir: string): void {
  const index = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs');
    if (!isPage) throw new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('界面尚未构建 The web UI is not built: run `npm run build` (npm start does this for you).');
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(fs.readFileSync(index));
  });
}
