import { compactVerify, createLocalJWKSet, errors } from 'jose';
import type { Verification } from '../credential-types';
import { decodeJwsJson } from './encoding';
import { type IssuerKeys, loadIssuerKeys } from './jwks-cache';
import { checkStatus } from './status-lists';
import {
  acceptedAlgorithms,
  type Check,
  type CheckName,
  invalid,
  issuerIdOf,
  isVerified,
  schemaProblem,
  validityCheck,
} from './vc-schema';

/**
 * Verification in the browser (issue 5 §6): the same checks as `POST /credentials/verify`, the signature with
 * jose against Hutong's published keys (or their cached copy when offline). A credential of another issuer is
 * left to the server, which holds the trusted issuers' keys: `needsServer` says so.
 */
export interface LocalVerification extends Verification {
  keys: Pick<IssuerKeys, 'source' | 'fetchedAt'> | null;
  needsServer?: 'foreign-issuer';
}

const skipped = (names: CheckName[], reason = 'not-checked'): Check[] =>
  names.map((check) => ({ check, status: 'skipped', reason }));

async function checkSignature(jws: string, keys: IssuerKeys): Promise<Check> {
  try {
    await compactVerify(jws, createLocalJWKSet(keys.jwks), { algorithms: acceptedAlgorithms });
    return { check: 'signature', status: 'valid' };
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
      return invalid('signature', 'unknown-key');
    return invalid('signature', 'bad-signature', error instanceof Error ? error.message : undefined);
  }
}

export async function verifyInBrowser(jws: string, now = new Date()): Promise<LocalVerification> {
  const parts = jws.trim().split('.');
  const header = parts.length === 3 ? decodeJwsJson(parts[0] ?? '') : null;
  const payload = parts.length === 3 ? decodeJwsJson(parts[1] ?? '') : null;
  const rest: CheckName[] = ['issuer', 'signature', 'validity', 'status'];
  if (!header || !payload)
    return { verified: false, checks: [invalid('schema', 'malformed'), ...skipped(rest)], keys: null };
  const problem = schemaProblem(header, payload);
  if (problem)
    return { verified: false, checks: [problem, ...skipped(rest)], credential: payload, keys: null };

  const issuer = issuerIdOf(payload) as string;
  const issuerName = (payload.issuer as { name?: unknown } | undefined)?.name;
  const keys = await loadIssuerKeys();
  const keyInfo = keys && { source: keys.source, fetchedAt: keys.fetchedAt };
  const checks: Check[] = [{ check: 'schema', status: 'valid' }];
  if (!keys) {
    checks.push({ check: 'issuer', status: 'error', reason: 'keys-unavailable' }, ...skipped(['signature']));
  } else if (keys.did !== issuer) {
    return { verified: false, checks, credential: payload, keys: keyInfo, needsServer: 'foreign-issuer' };
  } else {
    checks.push({ check: 'issuer', status: 'valid' }, await checkSignature(jws, keys));
  }
  checks.push(validityCheck(payload, now));
  const isSigned = checks.some((c) => c.check === 'signature' && c.status === 'valid');
  checks.push(
    isSigned && keys
      ? await checkStatus(payload, issuer, createLocalJWKSet(keys.jwks))
      : { check: 'status', status: 'skipped', reason: 'not-checked' },
  );
  return {
    verified: isVerified(checks),
    checks,
    credential: payload,
    issuer: {
      id: issuer,
      // A name the payload gives itself is the issuer's word only once its signature holds (issue 17 §9).
      ...(isSigned && typeof issuerName === 'string' && { name: issuerName }),
      trusted: keys !== null,
    },
    keys: keyInfo,
  };
}
