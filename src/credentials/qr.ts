import { onFirstUse } from '../shared/lazy.ts';

const qrcode = onFirstUse<typeof import('qrcode')>('qrcode');

/**
 * What a certificate's QR code carries (issue 5 §6). A phone camera reads a printed code comfortably when its
 * modules are about half a millimetre or more; at the 35 mm the A4 layout gives the code that means version 10
 * (57 modules) at error-correction level M. The compact VC itself needs far more (measured by `npm run bench
 * credentials`, recorded in docs/PERFORMANCE.md), so the code then carries a URL to the stored credential plus its
 * SHA-256: the verify page fetches it, checks the hash, then the signature.
 */
export const COMFORTABLE_QR_VERSION = 10;
const LEVEL = 'M' as const;

/** Byte-mode capacity of a version-10 symbol at level M (ISO/IEC 18004 table 7): longer text cannot fit. */
const COMFORTABLE_CAPACITY = 213;

/** The smallest version that holds the text at level M; null when even version 40 cannot. */
export function qrVersionOf(text: string): number | null {
  try {
    return qrcode().create(text, { errorCorrectionLevel: LEVEL }).version;
  } catch {
    return null;
  }
}

/** The link form: `<origin>/v/<credential id>#<sha-256 of the JWS, base64url>`. */
export function credentialLink(publicUrl: string, credentialId: string, digest: string): string {
  return `${publicUrl}/v/${credentialId}#${digest}`;
}

export function qrContent(
  publicUrl: string,
  credential: { id: string; credential: string; digest: string },
): { mode: 'credential' | 'link'; text: string; version: number } {
  const fits = Buffer.byteLength(credential.credential) <= COMFORTABLE_CAPACITY;
  const full = fits ? qrVersionOf(credential.credential) : null;
  if (full !== null && full <= COMFORTABLE_QR_VERSION)
    return { mode: 'credential', text: credential.credential, version: full };
  const text = credentialLink(publicUrl, credential.id, credential.digest);
  return { mode: 'link', text, version: qrVersionOf(text) ?? 40 };
}

export function qrSvg(text: string): Promise<string> {
  return qrcode().toString(text, { type: 'svg', errorCorrectionLevel: LEVEL, margin: 2 });
}
