import { sql } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { buildStatusListCredential, statusListUrl } from './credential.model.ts';
import {
  type CredentialDeps,
  type JwsSignatureEntry,
  jsonSerializationOf,
  signJws,
  sm2SignatureOf,
} from './issue.service.ts';
import { encodeList, STATUS_LIST_SIZE, type StatusPurpose } from './status-list.ts';

/**
 * The published status lists (issue 5 §3). The bits are written by the database triggers of migration 0004 in the
 * same transaction as the certificate's status; here they are only read: one bit for Hutong's own verification,
 * or a whole list signed as a BitstringStatusListCredential for everyone else (cached per list version).
 */
export async function statusBit(
  deps: Pick<CredentialDeps, 'db'>,
  purpose: StatusPurpose,
  list: number,
  index: number,
): Promise<boolean> {
  const pos = Math.floor(index / 8) * 8 + 7 - (index % 8);
  const row = await deps.db
    .selectFrom('status_lists')
    .select(sql<number>`get_bit(bits, ${pos})`.as('bit'))
    .where('purpose', '=', purpose)
    .where('list', '=', list)
    .executeTakeFirst();
  return row?.bit === 1;
}

/** Lists exist up to the one holding the highest index handed out so far. */
async function listExists(deps: Pick<CredentialDeps, 'db'>, list: number): Promise<boolean> {
  const row = await deps.db
    .selectFrom('certificates')
    .select((eb) => eb.fn.max('status_index').as('max'))
    .executeTakeFirst();
  const max = row?.max === null || row?.max === undefined ? -1 : Number(row.max);
  return list >= 0 && list <= Math.floor(max / STATUS_LIST_SIZE);
}

export interface StatusListCache {
  get(purpose: StatusPurpose, list: number): Promise<string>;
  /** The JWS JSON serialization: the EdDSA signature and, under the 国密 profile, the SM2 one (issue 18). */
  getJson(purpose: StatusPurpose, list: number): Promise<ReturnType<typeof jsonSerializationOf>>;
}

export function createStatusListCache(deps: CredentialDeps): StatusListCache {
  const cache = new Map<string, { version: number; kid: string; jwt: string; sm2?: JwsSignatureEntry }>();
  async function signed(purpose: StatusPurpose, list: number) {
    const row = await deps.db
      .selectFrom('status_lists')
      .select(['bits', 'version'])
      .where('purpose', '=', purpose)
      .where('list', '=', list)
      .executeTakeFirst();
    if (!row && !(await listExists(deps, list))) throw new AppError('not_found', 'no such status list');
    const version = row?.version ?? 0;
    const key = `${purpose}/${list}`;
    const hit = cache.get(key);
    if (hit && hit.version === version && hit.kid === deps.signing.thumbprint) return hit;
    const bits = row ? new Uint8Array(row.bits) : new Uint8Array(STATUS_LIST_SIZE / 8);
    const url = statusListUrl(deps.publicUrl, purpose, list);
    const jwt = await signJws(
      deps,
      buildStatusListCredential(url, purpose, encodeList(bits), deps.did, deps.clock.now()),
    );
    const sm2 = sm2SignatureOf(deps, jwt);
    const entry = { version, kid: deps.signing.thumbprint, jwt, ...(sm2 && { sm2 }) };
    cache.set(key, entry);
    return entry;
  }
  return {
    get: async (purpose, list) => (await signed(purpose, list)).jwt,
    getJson: async (purpose, list) => {
      const entry = await signed(purpose, list);
      return jsonSerializationOf({ credential: entry.jwt, ...(entry.sm2 && { sm2: entry.sm2 }) });
    },
  };
}
