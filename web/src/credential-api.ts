import { request } from './api';
import type { Challenge, IssuedCredential, Verification } from './credential-types';
import type { PublicQuery, PublicResult } from './query-types';

const enc = encodeURIComponent;

/** The header the public routes read a solved proof-of-work from (src/query/query.challenge.ts). */
export const POW_HEADER = 'x-hutong-pow';

const powHeaders = (pow: string | null): Record<string, string> => (pow ? { [POW_HEADER]: pow } : {});

/** Which certificate to print from the public query: the result's `ref`, or the name and number asked for. */
export type PublicCredentialRequest = { ref: string } | { name: string; number: string; type?: string };

/** Verifiable credentials (issue 5): issue for a certificate, fetch a stored one, verify on the server. */
export const credentialApi = {
  /** Signed in: the holder of the certificate, its department's admins, supervisors. */
  forCertificate: (certificateId: string) =>
    request<IssuedCredential>('GET', `/certificates/${enc(certificateId)}/credential`),
  /** Public: what "打印证书" on the query page asks for; takes the same proof-of-work as the query. */
  forPublic: (body: PublicCredentialRequest, pow: string | null) =>
    request<IssuedCredential>('POST', '/public/certificates/credential', body, powHeaders(pow)),
  /** Public: a stored credential by id, which is what a printed QR link points at. */
  stored: (credentialId: string) =>
    request<IssuedCredential>('GET', `/public/credentials/${enc(credentialId)}`),
  verifyOnServer: (credential: string) =>
    request<Verification>('POST', '/credentials/verify', { credential }),
  challenge: () => request<Challenge>('GET', '/public/challenge'),
  /** 一网通查; anonymous callers send a solved challenge. */
  search: (query: PublicQuery, pow: string | null) =>
    request<{ items: PublicResult[] }>('POST', '/public/certificates/search', query, powHeaders(pow)),
};

export const qrSvgUrl = (credentialId: string) => `/api/v1/public/credentials/${enc(credentialId)}/qr.svg`;

/** Where a QR link lands: the verify page, with the credential's digest in the fragment. */
export const verifyPath = (c: Pick<IssuedCredential, 'id' | 'digest'>) => `/v/${c.id}#${c.digest}`;
