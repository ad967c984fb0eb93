import { z } from 'zod';

/**
 * A Hutong backup file: one magic line, one line of manifest JSON, then the payload to the end of the file —
 * PGlite's own data-directory tarball (`dumpDataDir('gzip')`) or a `pg_dump -Fc` custom-format archive. The
 * manifest says what the payload needs (engine, schema migration, keys by fingerprint) so a restore can refuse
 * before it touches anything; the keys themselves travel only when asked (`--include-keys`), sealed with a
 * passphrase.
 */
export const BACKUP_MAGIC = 'HUTONG-BACKUP';
export const BACKUP_VERSION = 1;

export type BackupEngine = 'pglite' | 'postgres';
export type KeyPart = 'master' | 'signing';

const hex = (len: number) => z.string().regex(new RegExp(`^[0-9a-f]{${len}}$`));
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/**
 * The keys, sealed with a passphrase, the payload's hash bound in so they open with this one backup only:
 * - international: scrypt(passphrase) → AES-256-GCM, the hash as additional data;
 * - gm (issue 18): PBKDF2-HMAC-SM3(passphrase) → SM4-CTR + HMAC-SM3 (`crypto-profile.seal`), the hash in the
 *   authenticated header (the seal's key id).
 */
const aesSealedKeys = z.object({
  parts: z.array(z.enum(['master', 'signing'])).min(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: base64,
  }),
  cipher: z.literal('aes-256-gcm'),
  iv: base64,
  tag: base64,
  ciphertext: base64,
});
const sm4SealedKeys = z.object({
  parts: z.array(z.enum(['master', 'signing'])).min(1),
  kdf: z.object({
    name: z.literal('pbkdf2-hmac-sm3'),
    iterations: z.number().int().positive(),
    salt: base64,
  }),
  cipher: z.literal('sm4-ctr-hmac-sm3'),
  sealed: z.string().regex(/^[A-Za-z0-9_-]+\.sm4\.[A-Za-z0-9_-]+$/),
});
export const sealedKeysSchema = z.discriminatedUnion('cipher', [aesSealedKeys, sm4SealedKeys]);
export type SealedKeys = z.infer<typeof sealedKeysSchema>;

export const manifestSchema = z.object({
  format: z.literal('hutong-backup'),
  version: z.number().int().positive(),
  engine: z.enum(['pglite', 'postgres']),
  createdAt: z.iso.datetime(),
  /** The newest migration applied in the store: a restore refuses a backup newer than its code. */
  migration: z.string().nullable(),
  payload: z.object({
    kind: z.enum(['pglite-datadir-tar-gz', 'pg-dump-custom']),
    bytes: z.number().int().nonnegative(),
    sha256: hex(64),
  }),
  /** Rows per table in the snapshot that was dumped; the restore compares them. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** The audit chain's head in the snapshot (compare with an external copy to detect truncation). */
  auditHead: z.object({ position: z.number().int(), hash: z.string() }).nullable(),
  keys: z.object({
    /** Fingerprint of the master key that opens this store's data keys; null when none was configured. */
    master: z.object({ fingerprint: z.string().nullable(), dataKeyIds: z.array(z.string()) }),
    /** RFC 7638 thumbprints: the configured signing key (if any) and every published one. */
    signing: z.object({ active: z.string().nullable(), published: z.array(z.string()) }),
    included: sealedKeysSchema.nullable(),
  }),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** How a configured key compares with the one a backup needs. */
export type KeyMatch = 'matches' | 'differs' | 'not-configured' | 'unknown';

export function compareKey(needed: string | null, configured: string | null): KeyMatch {
  if (!needed) return 'unknown';
  if (!configured) return 'not-configured';
  return needed === configured ? 'matches' : 'differs';
}

/** Parses the text before the payload; throws an Error that says what is wrong with the file. */
export function parseHeader(magicLine: string, manifestLine: string): BackupManifest {
  if (magicLine !== BACKUP_MAGIC) throw new Error('not a Hutong backup file (no HUTONG-BACKUP header)');
  let json: unknown;
  try {
    json = JSON.parse(manifestLine);
  } catch {
    throw new Error('the backup manifest is not valid JSON');
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION)
    throw new Error(`backup format ${version} is newer than this Hutong reads (${BACKUP_VERSION})`);
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `the backup manifest is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Count differences between the manifest and a restored store, as `table: expected → found`. */
export function diffCounts(expected: Record<string, number>, found: Record<string, number>): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return tables
    .filter((t) => expected[t] !== found[t])
    .map((t) => `${t}: ${expected[t] ?? '(absent)'} → ${found[t] ?? '(absent)'}`);
}
