/** Shapes of the credential API (`/api/v1/…/credential`, `/public/credentials`, `/credentials/verify`; issue 5). */

export interface IssuedCredential {
  id: string;
  certificateId: string;
  format: 'vc+jwt';
  /** The compact JWS (VC-JOSE, `typ: vc+jwt`). */
  credential: string;
  /** base64url(SHA-256(credential)): what a QR link carries after `#`. */
  digest: string;
  issuedAt: string;
  qr: { mode: 'credential' | 'link'; text: string; version: number };
}

import type { Check } from './credentials/vc-schema';

export type { Check, CheckName, CheckStatus } from './credentials/vc-schema';

/** The answer of `POST /credentials/verify`; the in-browser verification gives the same shape. */
export interface Verification {
  verified: boolean;
  checks: Check[];
  credential?: Record<string, unknown>;
  issuer?: { id: string; name?: string; trusted: boolean };
}

export interface Challenge {
  challenge: string;
  bits: number;
  algorithm: 'sha-256';
  expiresAt: string;
}
