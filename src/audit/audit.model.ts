import { digestHex, type HashAlgorithm } from '../protection/crypto-profile.ts';

/**
 * The audit log is append-only and hash-chained: each row's hash covers its own fields and the previous row's
 * hash, and `position` counts rows without gaps. Editing a row breaks its hash, removing one leaves a gap in
 * `position`, moving one breaks the chain of `prevHash`. Each link names its hash (issue 18): SHA-256 links leave
 * `hashAlg` out (rows from before profiles hash unchanged), SM3 links carry `hashAlg: 'sm3'` inside what they hash,
 * so a chain that switched profile verifies link by link.
 */
export interface AuditEntry {
  position: number;
  id: string;
  at: string; // ISO 8601, millisecond precision
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
  /** Absent for SHA-256. */
  hashAlg?: HashAlgorithm;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so a value hashes the same after a jsonb round trip (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditEntry(entry: AuditEntry): string {
  return digestHex(entry.hashAlg ?? 'sha256', canonicalJson(entry));
}

export type ChainProblemKind = 'edited' | 'removed' | 'reordered';

export interface ChainProblem {
  position: number;
  id: string;
  kind: ChainProblemKind;
  message: string;
}

export interface StoredAuditEntry extends AuditEntry {
  hash: string;
}

/**
 * Checks one stored row against the row before it (`previous` is null for the first row). Pure, so the
 * verifier can stream the log in pages and stop at the first problem.
 */
export function checkChainLink(
  previous: StoredAuditEntry | null,
  row: StoredAuditEntry,
): ChainProblem | null {
  const expectedPosition = previous ? previous.position + 1 : 1;
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (row.position > expectedPosition) {
    return {
      position: row.position,
      id: row.id,
      kind: 'removed',
      message: `rows ${expectedPosition}..${row.position - 1} are missing before this row`,
    };
  }
  if (row.position < expectedPosition || row.prevHash !== expectedPrev) {
    return {
      position: row.position,
      id: row.id,
      kind: 'reordered',
      message: 'this row does not link to the row before it (moved, reordered or re-numbered)',
    };
  }
  const { hash, ...entry } = row;
  if (hashAuditEntry(entry) !== hash) {
    return {
      position: row.position,
      id: row.id,
      kind: 'edited',
      message: 'the row content does not match its hash',
    };
  }
  return null;
}
