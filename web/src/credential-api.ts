import { type BodyOf, call, client } from './api/client';
import type { IssuedCredential } from './credential-types';
import type { PublicQuery } from './query-types';

/** The header the public routes read a solved proof-of-work from (src/query/query.challenge.ts). */
export const POW_HEADER = 'x-hutong-pow';

const powHeaders = (pow: string | null): Record<string, string> => (pow ? { [POW_HEADER]: pow } : {});

/** Which certificate to print from the public query: the result's `ref`, or the name and number asked for. */
export type PublicCredentialRequest = BodyOf<'/api/v1/public/certificates/credential'>;

/** Verifiable credentials (issue 5): issue for a certificate, fetch a stored one, verify on the server. */
export const credentialApi = {
  /** Signed in: the holder of the certificate, its department's admins, supervisors. */
  /** The compact `vc+jwt` (the JSON serialization with an SM2 signature beside it is for verifiers, issue 18). */
  forCertificate: async (certificateId: string): Promise<IssuedCredential> => {
    const answer = await call(
      client.GET('/api/v1/certificates/{id}/credential', { params: { path: { id: certificateId } } }),
    );
    if (answer.format !== 'vc+jwt') throw new Error('expected the compact vc+jwt serialization');
    return answer;
  },
  /** Public: what "打印证书" on the query page asks for; takes the same proof-of-work as the query. */
  forPublic: (body: PublicCredentialRequest, pow: string | null) =>
    call(client.POST('/api/v1/public/certificates/credential', { body, headers: powHeaders(pow) })),
  /** Public: a stored credential by id, which is what a printed QR link points at. */
  stored: (credentialId: string) =>
    call(client.GET('/api/v1/public/credentials/{id}', { params: { path: { id: credentialId } } })),
  verifyOnServer: (credential: string) =>
    call(client.POST('/api/v1/credentials/verify', { body: { credential } })),
  challenge: () => call(client.GET('/api/v1/public/challenge')),
  /** 一网通查; anonymous callers send a solved challenge. */
  search: (query: PublicQuery, pow: string | null) =>
    call(client.POST('/api/v1/public/certificates/search', { body: query, headers: powHeaders(pow) })),
};

const enc = encodeURIComponent;

export const qrSvgUrl = (credentialId: string) => `/api/v1/public/credentials/${enc(credentialId)}/qr.svg`;

/** Where a QR link lands: the verify page, with the credential's digest in the fragment. */
export const verifyPath = (c: { id: string; digest: string }) => `/v/${c.id}#${c.digest}`;
