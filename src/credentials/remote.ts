import { AppError } from '../shared/errors.ts';

/**
 * Fetching other issuers' public documents (JWKS, did:web documents, status lists). did:web resolves over HTTPS
 * (did:web method §3.1); a loopback host (127.0.0.1, localhost, [::1]) resolves over HTTP so a second Hutong or a
 * department's test system on the same machine can be trusted without a certificate authority.
 */
export const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_BYTES = 1_048_576;

export function didWebUrl(did: string): string {
  const m = /^did:web:([^:#?]+)((?::[^:#?]+)*)$/.exec(did);
  if (!m?.[1])
    throw new AppError('validation_failed', `not a did:web identifier: ${did}`, [
      { path: 'body.did', message: 'did:web expected' },
    ]);
  const host = decodeURIComponent(m[1]);
  const hostname = host.replace(/:\d+$/, '');
  const scheme = LOOPBACK.has(hostname) ? 'http' : 'https';
  const segments = m[2] ? m[2].slice(1).split(':').map(decodeURIComponent) : [];
  return segments.length === 0
    ? `${scheme}://${host}/.well-known/did.json`
    : `${scheme}://${host}/${segments.join('/')}/did.json`;
}

export async function fetchText(url: string, accept: string, timeoutMs = 5000): Promise<string> {
  const u = new URL(url);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname)))
    throw new AppError('validation_failed', `only https URLs (or http on this machine) are fetched: ${url}`);
  const res = await fetch(u, {
    headers: { accept },
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  if (!res.ok) throw new AppError('bad_gateway', `${url} answered ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new AppError('bad_gateway', `${url} sent more than ${MAX_BYTES} bytes`);
  return text;
}

export async function fetchJson(url: string): Promise<unknown> {
  const text = await fetchText(url, 'application/json, application/did+json');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_gateway', `${url} did not send JSON`);
  }
}
