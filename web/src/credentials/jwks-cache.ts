import type { JSONWebKeySet } from 'jose';

/**
 * Hutong's public keys for checking signatures in the browser. Each fetch of `/.well-known/jwks.json` is kept in
 * localStorage, so a credential still verifies offline against the last copy (and the page says that it did).
 */
export interface IssuerKeys {
  jwks: JSONWebKeySet;
  /** Hutong's own DID: every published kid is `<did>#<thumbprint>`. */
  did: string | null;
  source: 'network' | 'cache';
  fetchedAt: string;
}

const storageKey = 'hutong.jwks';

function didOf(jwks: JSONWebKeySet): string | null {
  const kid = jwks.keys.find((k) => typeof k.kid === 'string' && k.kid.includes('#'))?.kid;
  return kid ? kid.slice(0, kid.indexOf('#')) : null;
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

function readCache(): IssuerKeys | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return null;
    const { jwks, fetchedAt } = stored as { jwks?: unknown; fetchedAt?: unknown };
    if (!isJwks(jwks) || typeof fetchedAt !== 'string') return null;
    return { jwks, did: didOf(jwks), source: 'cache', fetchedAt };
  } catch {
    return null;
  }
}

/** The published keys, else the cached copy; null when neither is there (offline on a first visit). */
export async function loadIssuerKeys(): Promise<IssuerKeys | null> {
  try {
    const response = await fetch('/.well-known/jwks.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const jwks: unknown = await response.json();
    if (!isJwks(jwks)) throw new Error('not a JWK set');
    const fetchedAt = new Date().toISOString();
    try {
      localStorage.setItem(storageKey, JSON.stringify({ jwks, fetchedAt }));
    } catch {
      // Storage refused (private browsing, quota): this visit still has the keys.
    }
    return { jwks, did: didOf(jwks), source: 'network', fetchedAt };
  } catch {
    return readCache();
  }
}
