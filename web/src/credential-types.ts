/** Shapes of the credential API (`/api/v1/…/credential`, `/public/credentials`, `/credentials/verify`; issue 5). */
import type { ResponseOf } from './api/client';
import type { Check } from './credentials/vc-schema';

/** A signed credential: the compact JWS (VC-JOSE, `typ: vc+jwt`), its digest (what a QR link carries after `#`). */
export type IssuedCredential = ResponseOf<'/api/v1/public/credentials/{id}'>;

export type { Check, CheckName, CheckStatus } from './credentials/vc-schema';

/**
 * The answer of `POST /credentials/verify`, and of the in-browser verification, which adds a `digest` check the
 * server has no use for: the server's answer (`ServerVerification`) is one of these.
 */
export interface Verification {
  verified: boolean;
  checks: Check[];
  credential?: Record<string, unknown>;
  issuer?: { id: string; name?: string; trusted: boolean };
}
export type ServerVerification = ResponseOf<'/api/v1/credentials/verify', 'post'>;

export type Challenge = ResponseOf<'/api/v1/public/challenge'>;
