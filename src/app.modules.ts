import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SecretHashing } from './accounts/secrets.ts';
import type { Catalog } from './catalog/catalog.model.ts';
import { type Config, projectRoot } from './config.ts';
import type { SigningKey } from './credentials/keys.ts';
import type { BulkRunner, Engine } from './db/database.ts';
import type { Database } from './db/schema.ts';
import { loadExamStandards } from './exams/plans.standards.ts';
import type { JobDefinition } from './jobs/jobs.model.ts';
import type { JobQueue } from './jobs/jobs.queue.ts';
import type { SharedCounters } from './limits/limits.model.ts';
import type { Keyring } from './protection/protection.service.ts';
import type { ChallengeIssuer } from './query/query.challenge.ts';
import type { PolicyPacks } from './recognition/recognition.load.ts';
import type { Clock } from './shared/clock.ts';
import type { createSourceDirectory } from './sources/sources.store.ts';
import type { LiveTimings } from './supervision/live.routes.ts';
import type { loadSupervisionRules } from './supervision/supervision.rules-data.ts';

/**
 * What every module may use (issue 16 §1: "each domain module declares its routes and its jobs in one place, and
 * the entry points only compose modules"). Built once per process by `buildApp`; the data files (policy packs,
 * exam standards, supervision rules) are read here once.
 */
export interface ModuleContext {
  config: Config;
  db: Kysely<Database>;
  /** A streaming replica for reads that may lag (issue 16 §3); the primary when none is configured. */
  readDb: Kysely<Database>;
  engine: Engine;
  catalog: Catalog;
  clock: Clock;
  keyring: Keyring;
  bulk: BulkRunner;
  signing: SigningKey;
  did: string;
  counters: SharedCounters;
  challenges: ChallengeIssuer;
  secrets: () => SecretHashing;
  policies: PolicyPacks;
  live?: LiveTimings;
  /** The registry's deps, shared by most modules. */
  registry: {
    db: Kysely<Database>;
    clock: Clock;
    catalog: Catalog;
    keyring: Keyring;
    bulk: BulkRunner;
    counters: SharedCounters;
  };
  directory: ReturnType<typeof createSourceDirectory>;
  exams: {
    db: Kysely<Database>;
    catalog: Catalog;
    clock: Clock;
    standards: ReturnType<typeof loadExamStandards>;
  };
  supervision: ReturnType<typeof loadSupervisionRules>;
  log: (message: string, error?: unknown) => void;
}

/** A job a module runs; `everyMs` makes it periodic (one per period across all workers). */
export interface ModuleJob {
  definition: JobDefinition<unknown>;
  every?: { data: unknown; ms: number };
}

/**
 * One domain's part of Hutong: its jobs and its routes under `/api/v1`. A module's background loops (the outbox,
 * the warning rules, ticket deadlines) start when the app is ready and stop when it closes, in `routes`.
 */
export interface HutongModule {
  readonly name: string;
  readonly jobs?: readonly ModuleJob[];
  routes(api: FastifyInstance, jobs: JobQueue): Promise<void>;
}

export type ModuleFactory = (ctx: ModuleContext) => HutongModule;

export function examsContext(ctx: Pick<ModuleContext, 'db' | 'catalog' | 'clock'>): ModuleContext['exams'] {
  return {
    db: ctx.db,
    catalog: ctx.catalog,
    clock: ctx.clock,
    standards: loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), ctx.catalog),
  };
}
