import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Environment variables of design.md §Configuration, parsed once at start-up and frozen. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  HUTONG_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  // Issue 16 §3: streaming replicas for the public reads, comma-separated.
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+(,\s*postgres(ql)?:\/\/\S+)*$/, 'postgres:// URLs separated by commas')
    .optional(),
  HUTONG_ADMIN_TOKEN: z.string().min(6, 'must be at least 6 characters').optional(),
  // Behind a load balancer or reverse proxy: the addresses (or CIDRs) of the proxies whose X-Forwarded-For is
  // believed, comma-separated. Without it every public request would carry the proxy's address, so one per-address
  // limit would hold the whole country back (and one counter row would take every request).
  HUTONG_TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$/, 'proxy addresses or CIDRs separated by commas')
    .optional(),
  HUTONG_DEMO: z.enum(['0', '1']).default('1'),
  HUTONG_DATA_KEY: z.string().optional(),
  HUTONG_SIGNING_KEY: z.string().optional(),
  // Issue 18: the crypto profile of a new install; an existing install keeps the one its database records.
  HUTONG_CRYPTO_PROFILE: z.enum(['international', 'gm']).optional(),
  HUTONG_SM2_SIGNING_KEY: z.string().optional(),
  HUTONG_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, 'an origin like https://hutong.example.gov.cn (no path)')
    .optional(),
  HUTONG_PUBLIC_RATE_LIMIT: z.coerce.number().int().positive().default(60),
  HUTONG_PUBLIC_IDENTIFIER_LIMIT: z.coerce.number().int().positive().default(30),
  HUTONG_PUBLIC_POW_BITS: z.coerce.number().int().min(0).max(32).default(16),
  HUTONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines when stdout is a terminal, JSON otherwise (src/http/log-format.ts).
  HUTONG_LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  HUTONG_CATALOG_DIR: z.string().optional(),
  HUTONG_BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  HUTONG_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  HUTONG_IMPORT_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  HUTONG_SUPERVISION_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  HUTONG_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  HUTONG_STATISTICS_REFRESH_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  HUTONG_STATISTICS_TALLY_FROM: z.coerce.number().int().min(1).default(1_000_000),
  HUTONG_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an SMTP URL like smtps://user:password@smtp.example.gov.cn:465')
    .optional(),
  HUTONG_SMTP_FROM: z.string().min(3).default('互通 Hutong <noreply@localhost>'),
  HUTONG_TICKET_REPLY_DAYS_QUESTION: z.coerce.number().int().min(1).max(60).default(5),
  HUTONG_TICKET_REPLY_DAYS_COMPLAINT: z.coerce.number().int().min(1).max(60).default(15),
  // Issue 16 §1, §4: what this process does, and how many HTTP processes an api process forks.
  HUTONG_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  HUTONG_API_PROCESSES: z.coerce.number().int().min(1).max(256).optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /**
   * Read replicas (issue 16 §3) for what the public reads (the query, the institution directory, status lists,
   * explainer pages) and statistics; writes and reads of one's own writes use the primary.
   */
  readonly databaseReadUrls: readonly string[];
  readonly adminToken: string | undefined;
  readonly demo: boolean;
  readonly publicRateLimit: number;
  /** Public queries per hour for one ID number or certificate number. */
  readonly publicIdentifierLimit: number;
  /** Leading zero bits the public query's proof-of-work needs from anonymous callers; 0 turns it off. */
  readonly publicPowBits: number;
  readonly logLevel: z.infer<typeof envSchema>['HUTONG_LOG_LEVEL'];
  readonly logFormat: z.infer<typeof envSchema>['HUTONG_LOG_FORMAT'];
  readonly catalogDir: string;
  readonly bodyLimit: number;
  readonly dataKey: string | undefined;
  /** `international` | `gm` (国密, issue 18): asked for at install; unset keeps what the database records. */
  readonly cryptoProfile: 'international' | 'gm' | undefined;
  /** gm: the SM2 credential signing key (32 bytes hex); else a key file in the data directory. */
  readonly sm2SigningKey: string | undefined;
  readonly importMaxBytes: number;
  /** How long an import job's lease lasts: a job of a dead process on PostgreSQL is found after this long. */
  readonly importLeaseMs: number;
  /** Credential signing key (a private Ed25519 JWK or PKCS#8 PEM); else a key file in the data directory. */
  readonly signingKey: string | undefined;
  /** The origin the public reaches Hutong at: it names the issuer (did:web) and the status list URLs. */
  readonly publicUrl: string;
  /** How often the warning rules read new exam events (issue 8 §2); 0 turns the background runner off. */
  readonly supervisionIntervalMs: number;
  /** How often due 一试多证 issuance requests are sent to departments (issue 7 §5); 0 turns the worker off. */
  readonly outboxIntervalMs: number;
  /** How often the certificate statistics are counted ahead (issue 16 §7); 0 turns the loop off. */
  readonly statisticsRefreshMs: number;
  /** From how many certificates the figures come from the tallies rather than a live count. */
  readonly statisticsTallyFrom: number;
  /** SMTP server for notifications to ticket submitters (issue 14 §6); without it they wait in the outbox. */
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  /** Reply deadlines in working days: 咨询 and 投诉 (issue 14 §3). */
  readonly ticketReplyDays: { readonly question: number; readonly complaint: number };
  /**
   * `all`: HTTP and background work in one process (the embedded default). `api`: HTTP only. `worker`: background
   * work only (the 一试多证 outbox, ticket notifications, the warning rules), no HTTP port.
   */
  readonly role: 'all' | 'api' | 'worker';
  /** Proxies whose X-Forwarded-For gives the client's address (`HUTONG_TRUST_PROXY`); empty: none. */
  readonly trustProxy: readonly string[];
  /** HTTP processes sharing the port (node:cluster): `HUTONG_API_PROCESSES`, else one per core in the api role. */
  readonly apiProcesses: number;
}

/** The folder holding package.json: one up from src/config.ts, three up from the bundle's dist/server/chunks/. */
function findProjectRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir))
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  return path.resolve(from, '..');
}

export const projectRoot = findProjectRoot(import.meta.dirname);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const apiProcesses = e.HUTONG_API_PROCESSES ?? (e.HUTONG_ROLE === 'api' ? os.availableParallelism() : 1);
  // The embedded store is one process per data directory (PGlite): splitting needs a shared PostgreSQL.
  if (!e.DATABASE_URL && (e.HUTONG_ROLE !== 'all' || apiProcesses > 1))
    throw new Error(
      'Invalid configuration:\n  HUTONG_ROLE / HUTONG_API_PROCESSES: api and worker roles and several API processes need DATABASE_URL (the embedded store is one process)',
    );
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new Error(
      'Invalid configuration:\n  DATABASE_READ_URL: read replicas need DATABASE_URL (the primary)',
    );
  if (apiProcesses > 1 && e.HUTONG_ROLE !== 'api')
    throw new Error(
      'Invalid configuration:\n  HUTONG_API_PROCESSES: several HTTP processes are for HUTONG_ROLE=api (run background work in HUTONG_ROLE=worker processes)',
    );
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.HUTONG_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrls: Object.freeze(
      (e.DATABASE_READ_URL ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    ),
    adminToken: e.HUTONG_ADMIN_TOKEN,
    trustProxy: Object.freeze(
      (e.HUTONG_TRUST_PROXY ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
    demo: e.HUTONG_DEMO === '1',
    publicRateLimit: e.HUTONG_PUBLIC_RATE_LIMIT,
    publicIdentifierLimit: e.HUTONG_PUBLIC_IDENTIFIER_LIMIT,
    publicPowBits: e.HUTONG_PUBLIC_POW_BITS,
    logLevel: e.HUTONG_LOG_LEVEL,
    logFormat: e.HUTONG_LOG_FORMAT,
    catalogDir: path.resolve(e.HUTONG_CATALOG_DIR ?? path.join(projectRoot, 'catalog')),
    bodyLimit: e.HUTONG_BODY_LIMIT,
    dataKey: e.HUTONG_DATA_KEY,
    cryptoProfile: e.HUTONG_CRYPTO_PROFILE,
    sm2SigningKey: e.HUTONG_SM2_SIGNING_KEY,
    importMaxBytes: e.HUTONG_IMPORT_MAX_BYTES,
    importLeaseMs: e.HUTONG_IMPORT_LEASE_MS,
    signingKey: e.HUTONG_SIGNING_KEY,
    publicUrl: e.HUTONG_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    supervisionIntervalMs: e.HUTONG_SUPERVISION_INTERVAL_MS,
    outboxIntervalMs: e.HUTONG_OUTBOX_INTERVAL_MS,
    statisticsRefreshMs: e.HUTONG_STATISTICS_REFRESH_MS,
    statisticsTallyFrom: e.HUTONG_STATISTICS_TALLY_FROM,
    smtpUrl: e.HUTONG_SMTP_URL,
    smtpFrom: e.HUTONG_SMTP_FROM,
    ticketReplyDays: Object.freeze({
      question: e.HUTONG_TICKET_REPLY_DAYS_QUESTION,
      complaint: e.HUTONG_TICKET_REPLY_DAYS_COMPLAINT,
    }),
    role: e.HUTONG_ROLE,
    apiProcesses,
  });
}
