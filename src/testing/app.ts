import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DestinationStream } from 'pino';
import type { Role } from '../accounts/accounts.model.ts';
import { createToken, createUser } from '../accounts/accounts.service.ts';
import { type SecretHashing, secretHashingOf } from '../accounts/secrets.ts';
import { type AppDeps, buildApp } from '../app.ts';
import { loadCatalog } from '../catalog/catalog.load.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import { loadConfig } from '../config.ts';
import { generateSigningKey, registerSigningKey, type SigningKey } from '../credentials/keys.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { type Keyring, openKeyring } from '../protection/protection.service.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { type Clock, systemClock } from '../shared/clock.ts';
import { createTestDatabase } from './database.ts';

let cachedCatalog: Catalog | undefined;
export function testCatalog(): Catalog {
  cachedCatalog ??= loadCatalog(loadConfig({}).catalogDir);
  return cachedCatalog;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  db: Kysely<Database>;
  handle: DatabaseHandle;
  keyring: Keyring;
  /** The install's secret hashing (passwords, sessions, tokens) under its crypto profile. */
  secrets: () => SecretHashing;
  /** The master key the test keyring was opened with (HUTONG_DATA_KEY). */
  master: Buffer;
  clock: Clock;
  /** The credential signing key the app was built with (registered and published). */
  signing: SigningKey;
  /** The registry's dependencies, for calling services directly. */
  registry: RegistryDeps;
  /** Creates a user with the role and scope and returns a bearer token for it. */
  tokenFor(
    role: Role,
    scope?: { department?: string; province?: string; institution?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function createTestApp(
  options: {
    clock?: Clock;
    env?: NodeJS.ProcessEnv;
    signing?: SigningKey;
    /** Captures the log (set HUTONG_LOG_LEVEL in `env` too: tests log nothing by default). */
    logStream?: DestinationStream;
    /** A read replica of the test database (issue 16 §3), opened once the database exists. */
    openReadDb?: (db: Kysely<Database>) => Promise<Kysely<Database>>;
    jobTimings?: AppDeps['jobTimings'];
  } = {},
): Promise<TestApp> {
  const handle = await createTestDatabase();
  const clock = options.clock ?? systemClock;
  const config = loadConfig({
    HUTONG_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    HUTONG_LOG_LEVEL: 'silent',
    // The public query's proof-of-work is off in tests unless a test asks for it (query.challenge.test.ts).
    HUTONG_PUBLIC_POW_BITS: '0',
    // Tests run the warning rules themselves (runOnce), so what they assert does not race a timer.
    HUTONG_SUPERVISION_INTERVAL_MS: '0',
    // Likewise the issuance outbox: tests deliver with runOnce() and their own clock.
    HUTONG_OUTBOX_INTERVAL_MS: '0',
    ...options.env,
  });
  const master = randomBytes(32);
  const keyring = await openKeyring(handle.db, master, 0, { profile: config.cryptoProfile });
  const signing = options.signing ?? (await generateSigningKey());
  await registerSigningKey(handle.db, signing, clock.now());
  const readDb = options.openReadDb ? await options.openReadDb(handle.db) : undefined;
  const app = await buildApp({
    signing,
    config,
    db: handle.db,
    ...(readDb && { readDb }),
    engine: handle.engine,
    script: handle.script,
    // Tests wait for jobs: poll often.
    jobTimings: { pollingIntervalSeconds: 0.5, ...options.jobTimings },
    catalog: testCatalog(),
    clock,
    keyring,
    bulk: handle.bulk,
    ...(options.logStream && { logStream: options.logStream }),
  });
  await app.ready();
  const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: clock.now() });
  const secrets = () => secretHashingOf(keyring.protector());
  return {
    app,
    db: handle.db,
    handle,
    keyring,
    secrets,
    master,
    clock,
    signing,
    registry: { db: handle.db, catalog: testCatalog(), keyring, clock, bulk: handle.bulk },
    async tokenFor(role, scope = {}) {
      userCounter += 1;
      // A holder account is bound to a person of the registry: a placeholder person without certificates.
      const holderId = role === 'holder' ? randomUUID() : null;
      if (holderId) {
        await handle.db
          .insertInto('holders')
          .values({
            id: holderId,
            id_type: 'resident',
            id_index: `test-${holderId}`,
            id_cipher: keyring.protector().encrypt('placeholder'),
            id_masked: '****',
            name: '测试持证人',
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .execute();
      }
      const user = await createUser(
        handle.db,
        ctx(),
        {
          username: `${role}-${process.pid}-${userCounter}`,
          displayName: `${role} ${userCounter}`,
          password: 'correct horse battery',
          role,
          ...(scope.department && { department: scope.department as 'mem' }),
          ...(scope.province && { province: scope.province }),
          ...(scope.institution && { institution: scope.institution }),
          ...(holderId && { holderIdNumber: 'placeholder' }),
        },
        secrets(),
        async () => holderId,
      );
      return (await createToken(handle.db, ctx(), user.id, { label: 'test' }, secrets())).token;
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
