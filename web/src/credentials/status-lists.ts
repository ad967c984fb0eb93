import { compactVerify, type createLocalJWKSet } from 'jose';
import { bitAt, decodeJwsJson, multibaseBytes } from './encoding';
import {
  acceptedAlgorithms,
  type Check,
  invalid,
  issuerIdOf,
  reasonOfSetBit,
  type StatusEntry,
  statusEntries,
} from './vc-schema';

/**
 * The status check in the browser (W3C Bitstring Status List v1.0 §3.2): each list credential is fetched, its
 * signature checked against the same keys as the credential's, its bits gunzipped, and the entry's bit read.
 */
type KeySet = ReturnType<typeof createLocalJWKSet>;
type Lookup = 'set' | 'clear' | 'unavailable' | 'invalid-list' | 'skipped';

/**
 * A list's URL names the server's public origin (HUTONG_PUBLIC_URL), which may not be the origin this page came
 * from; the page may only talk to its own origin (CSP connect-src 'self'), so it asks its own server by path.
 */
function sameOriginUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === location.origin ? parsed.href : `${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function lookup(entry: StatusEntry, issuer: string, keys: KeySet): Promise<Lookup> {
  if (!navigator.onLine) return 'skipped';
  const url = sameOriginUrl(entry.statusListCredential);
  if (url === null) return 'invalid-list';
  let jwt: string;
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) return 'unavailable';
    jwt = (await response.text()).trim();
  } catch {
    return 'unavailable';
  }
  try {
    const { protectedHeader } = await compactVerify(jwt, keys, { algorithms: acceptedAlgorithms });
    const list = decodeJwsJson(jwt.split('.')[1] ?? '');
    if (protectedHeader.typ !== 'vc+jwt' || !list || issuerIdOf(list) !== issuer) return 'invalid-list';
    const subject = list.credentialSubject as { statusPurpose?: unknown; encodedList?: unknown } | undefined;
    if (subject?.statusPurpose !== entry.statusPurpose || typeof subject.encodedList !== 'string')
      return 'invalid-list';
    const bit = bitAt(await gunzip(multibaseBytes(subject.encodedList)), entry.statusListIndex);
    if (bit === undefined) return 'invalid-list';
    return bit ? 'set' : 'clear';
  } catch {
    return 'invalid-list';
  }
}

/** The status check of a credential whose signature held: revoked and suspended are answers, not errors. */
export async function checkStatus(
  payload: Record<string, unknown>,
  issuer: string,
  keys: KeySet,
): Promise<Check> {
  const entries = statusEntries(payload);
  if (entries === null) return invalid('status', 'malformed-status');
  if (entries.length === 0) return { check: 'status', status: 'valid', reason: 'no-status-list' };
  const results = await Promise.all(entries.map(async (e) => ({ e, r: await lookup(e, issuer, keys) })));
  const set =
    results.find((x) => x.r === 'set' && x.e.statusPurpose === 'revocation') ??
    results.find((x) => x.r === 'set');
  if (set) return invalid('status', reasonOfSetBit(set.e.statusPurpose));
  if (results.some((x) => x.r === 'invalid-list')) return invalid('status', 'status-list-invalid');
  if (results.some((x) => x.r === 'unavailable'))
    return { check: 'status', status: 'error', reason: 'status-unavailable' };
  if (results.every((x) => x.r === 'skipped'))
    return { check: 'status', status: 'skipped', reason: 'offline' };
  return { check: 'status', status: 'valid' };
}
