import { useCallback, useRef, useState } from 'react';
import { credentialApi } from '../../credential-api';
import type { Check, Verification } from '../../credential-types';
import { isSameDigest, parseCredentialInput, sha256Base64url } from '../../credentials/encoding';
import { type LocalVerification, verifyInBrowser } from '../../credentials/verify-local';

/** What the verify page shows: the browser's answer (or the server's, for another issuer) and on demand the server's. */
export interface VerifyState {
  phase: 'idle' | 'working' | 'done' | 'failed';
  /** The compact JWS being verified. */
  jws?: string;
  result?: Verification;
  /** How `result` came about: in this browser, or by the server because the issuer is not Hutong. */
  mode?: 'browser' | 'server-fallback';
  keys?: LocalVerification['keys'];
  server?: Verification;
  error?: unknown;
  /** Input that is not a credential: `unrecognised` text or an image without a QR code. */
  problem?: 'unrecognised' | 'no-qr';
}

async function verifyJws(jws: string, extra: Check[]): Promise<VerifyState> {
  const local = await verifyInBrowser(jws);
  const merge = (v: Verification): Verification => ({
    ...v,
    checks: [...extra, ...v.checks],
    verified: v.verified && extra.every((c) => c.status !== 'invalid' && c.status !== 'error'),
  });
  if (local.needsServer) {
    const server = await credentialApi.verifyOnServer(jws);
    return { phase: 'done', jws, result: merge(server), mode: 'server-fallback', keys: local.keys };
  }
  const { keys, needsServer: _, ...result } = local;
  return { phase: 'done', jws, result: merge(result), mode: 'browser', keys };
}

/** A QR link: the stored credential, compared with the digest the link carries, then verified. */
async function verifyLink(credentialId: string, digest: string): Promise<VerifyState> {
  const stored = await credentialApi.stored(credentialId);
  const actual = await sha256Base64url(stored.credential);
  const check: Check = !digest
    ? { check: 'digest', status: 'skipped', reason: 'no-digest' }
    : isSameDigest(digest, actual)
      ? { check: 'digest', status: 'valid' }
      : { check: 'digest', status: 'invalid', reason: 'digest-mismatch' };
  return verifyJws(stored.credential, [check]);
}

export function useVerification() {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const ticket = useRef(0);

  const run = useCallback(async (work: () => Promise<VerifyState>) => {
    ticket.current += 1;
    const mine = ticket.current;
    setState({ phase: 'working' });
    let next: VerifyState;
    try {
      next = await work();
    } catch (error) {
      next = { phase: 'failed', error };
    }
    if (mine === ticket.current) setState(next);
  }, []);

  const verifyText = useCallback(
    (text: string) =>
      run(async () => {
        const input = parseCredentialInput(text);
        if (input.kind === 'link') return verifyLink(input.credentialId, input.digest);
        if (input.kind === 'jws') return verifyJws(input.jws, []);
        return { phase: 'failed', problem: 'unrecognised' };
      }),
    [run],
  );

  const verifyStored = useCallback(
    (credentialId: string, digest: string) => run(() => verifyLink(credentialId, digest)),
    [run],
  );

  const verifyImage = useCallback(
    (file: File) =>
      run(async () => {
        const { decodeQrImage } = await import('../../credentials/qr-decode');
        const text = await decodeQrImage(file);
        if (text === null) return { phase: 'failed', problem: 'no-qr' };
        const input = parseCredentialInput(text);
        if (input.kind === 'link') return verifyLink(input.credentialId, input.digest);
        if (input.kind === 'jws') return verifyJws(input.jws, []);
        return { phase: 'failed', problem: 'unrecognised' };
      }),
    [run],
  );

  const verifyOnServer = useCallback(async () => {
    const { jws } = state;
    if (!jws) return;
    try {
      const answer = await credentialApi.verifyOnServer(jws);
      // The server never saw the QR link: its answer carries the digest comparison made here.
      const digest = state.result?.checks.filter((c) => c.check === 'digest') ?? [];
      const server = { ...answer, checks: [...digest, ...answer.checks] };
      setState((s) => (s.jws === jws ? { ...s, server } : s));
    } catch (error) {
      setState((s) => (s.jws === jws ? { ...s, error } : s));
    }
  }, [state]);

  return { state, verifyText, verifyStored, verifyImage, verifyOnServer };
}
