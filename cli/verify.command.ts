import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { VerifyResult } from '../src/credentials/credential.model.ts';
import { sm2PublicKeyHexOf } from '../src/credentials/keys.ts';
import { didWebUrl, fetchJson, fetchText } from '../src/credentials/remote.ts';
import { bitAt } from '../src/credentials/status-list.ts';
import {
  acceptablePublicJwk,
  findKey,
  keysFromDidDocument,
  keysFromJwks,
  keysFromVerificationMethods,
  pickKey,
  type TrustedKey,
} from '../src/credentials/trusted.model.ts';
import { listBits } from '../src/credentials/verify.service.ts';
import type { KeyResolution, StatusLookup } from '../src/credentials/verify.ts';
import { type Sm2KeyResolution, verifyCredentialText } from '../src/credentials/verify-json.ts';

/**
 * `hutong verify FILE|-` (issue 5 §4): a relying party's verification, independent of any Hutong database. Online,
 * the issuer's keys come from its did:web document and the status lists from their URLs, and both are cached;
 * `--offline` uses only the cache and reports what it could not check as skipped. `--trust` adds a verification
 * method document (JsonWebKey) for this run. A credential's `kid` may name a key by the method's full id, its
 * fragment, or the `kid` inside its `publicKeyJwk` (`findKey`).
 */
export interface VerifyOptions {
  offline: boolean;
  cacheDir: string;
  trust: string[];
  now?: Date;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

function readCache(dir: string, name: string): string | null {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

function writeCache(dir: string, name: string, text: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
}

function trustedFromFiles(files: string[]): Map<string, TrustedKey[]> {
  const byIssuer = new Map<string, TrustedKey[]>();
  for (const file of files) {
    const vm = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const keys = keysFromVerificationMethods([vm]);
    if (keys.length === 0 || typeof vm.controller !== 'string')
      throw new Error(
        `${file}: not a JsonWebKey verification method with a controller and a usable publicKeyJwk`,
      );
    byIssuer.set(vm.controller, [...(byIssuer.get(vm.controller) ?? []), ...keys]);
  }
  return byIssuer;
}

/** The issuer's keys as a JWKS: from its did:web document online (then cached), or from the cache offline. */
async function issuerKeys(issuer: string, opts: VerifyOptions): Promise<TrustedKey[] | null> {
  const name = `jwks-${hash(issuer)}.json`;
  if (!opts.offline && issuer.startsWith('did:web:')) {
    try {
      const keys = keysFromDidDocument(await fetchJson(didWebUrl(issuer)), issuer);
      // Kept as {kid, jwk} so the key's own kid (its thumbprint) still resolves offline.
      writeCache(opts.cacheDir, name, JSON.stringify({ issuer, keys }));
      return keys;
    } catch {
      // Fall back to the cached copy below.
    }
  }
  const cached = readCache(opts.cacheDir, name);
  return cached ? cachedKeys(JSON.parse(cached)) : null;
}

/** A cache file's keys: `{kid, jwk}` entries, or a JWKS as earlier versions wrote it. */
function cachedKeys(doc: unknown): TrustedKey[] {
  const entries = (doc as { keys?: unknown })?.keys;
  if (!Array.isArray(entries) || !entries.every((e) => e && typeof e === 'object' && 'jwk' in e))
    return keysFromJwks(doc);
  return entries.flatMap((e: { kid?: unknown; jwk?: unknown }) => {
    const jwk = acceptablePublicJwk(e.jwk);
    return jwk ? [{ kid: typeof e.kid === 'string' ? e.kid : null, jwk }] : [];
  });
}

export async function verifyFromCommandLine(compact: string, opts: VerifyOptions): Promise<VerifyResult> {
  const trusted = trustedFromFiles(opts.trust);
  const now = opts.now ?? new Date();
  const resolveKey = async (issuer: string, kid: string | undefined): Promise<KeyResolution> => {
    const keys = trusted.get(issuer) ?? (await issuerKeys(issuer, opts));
    if (!keys) return { kind: 'unknown-issuer' };
    const key = pickKey(keys, kid);
    return key ? { kind: 'key', key, trusted: true } : { kind: 'unknown-key' };
  };
  const status = async (
    issuer: string,
    entry: { statusListCredential: string; statusListIndex: string },
  ): Promise<StatusLookup> => {
    const name = `status-${hash(entry.statusListCredential)}.jwt`;
    let jwt: string | null = null;
    if (!opts.offline) {
      try {
        jwt = await fetchText(entry.statusListCredential, 'application/vc+jwt');
        writeCache(opts.cacheDir, name, jwt);
      } catch {
        return 'unavailable';
      }
    } else {
      jwt = readCache(opts.cacheDir, name);
      if (jwt === null) return 'skipped';
    }
    const bits = await listBits(jwt, issuer, entry.statusListCredential, { now, resolveKey });
    if (bits === 'invalid') return 'invalid-list';
    const bit = bitAt(bits, Number(entry.statusListIndex));
    return bit === undefined ? 'invalid-list' : bit ? 'set' : 'clear';
  };
  // 国密 issuers (issue 18): the SM2 key of the same published key set.
  const resolveSm2Key = async (issuer: string, kid: string | undefined): Promise<Sm2KeyResolution> => {
    const keys = trusted.get(issuer) ?? (await issuerKeys(issuer, opts));
    const found = keys ? findKey(keys, kid) : undefined;
    const publicKey = found ? sm2PublicKeyHexOf(found.jwk) : null;
    return publicKey ? { kind: 'key', publicKey } : { kind: 'unknown-key' };
  };
  return verifyCredentialText(compact, { now, resolveKey, resolveSm2Key, status });
}

const mark = { valid: '✔', invalid: '✘', error: '!', skipped: '–' } as const;

export function describeResult(result: VerifyResult): string {
  const lines = result.checks.map(
    (c) =>
      `${mark[c.status]} ${c.check.padEnd(9)} ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`,
  );
  const signatures = (result.signatures ?? []).map(
    (s) => `  signature ${s.alg}${s.kid ? ` ${s.kid}` : ''}: ${s.status}${s.reason ? ` (${s.reason})` : ''}`,
  );
  if (signatures.length > 0) lines.push('signatures checked:', ...signatures);
  const verdict = result.verified ? '验证通过 VERIFIED' : '验证未通过 NOT VERIFIED';
  return `${lines.join('\n')}\n${verdict}${result.issuer ? ` — issuer ${result.issuer.id}` : ''}\n`;
}
