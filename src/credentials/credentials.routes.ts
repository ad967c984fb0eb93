import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { VC_MEDIA_TYPE, verifyRequestSchema, verifyResponseSchema } from './credential.model.ts';
import {
  type CredentialDeps,
  credentialForCertificate,
  credentialForPublic,
  type IssuedCredential,
  jsonSerializationOf,
  storedCredential,
} from './issue.service.ts';
import { qrContent, qrSvg } from './qr.ts';
import type { StatusListCache } from './status.service.ts';
import { statusPurposes } from './status-list.ts';
import { registerTrustedIssuerSchema, trustedIssuerViewSchema } from './trusted.model.ts';
import {
  listTrustedIssuers,
  refreshTrustedIssuer,
  registerTrustedIssuer,
  removeTrustedIssuer,
} from './trusted.service.ts';
import type { Verifier } from './verify.service.ts';

export interface CredentialRoutesOptions extends CredentialDeps {
  verifier: Verifier;
  statusLists: StatusListCache;
  publicRateLimit: number;
  /** Checks the public query's challenge (issue 5 §1) for the public credential route, which takes the same proof. */
  checkChallenge?: (request: import('fastify').FastifyRequest) => Promise<void>;
}

const credentialSchema = z.object({
  id: z.uuid(),
  certificateId: z.uuid(),
  format: z.literal('vc+jwt'),
  credential: z.string(),
  digest: z.string(),
  issuedAt: z.string(),
  qr: z.object({ mode: z.enum(['credential', 'link']), text: z.string(), version: z.number().int() }),
});

/**
 * `?serialization=json` (issue 18): the JWS JSON serialization (RFC 7515 §7.2.1) with every signature the credential
 * has — the EdDSA one, and under the 国密 profile an SM2 one (`alg: "SM2SM3"`, not a registered JOSE algorithm).
 */
const jsonCredentialSchema = z.object({
  id: z.uuid(),
  certificateId: z.uuid(),
  format: z.literal('vc+jws-json'),
  credential: z.object({
    payload: z.string(),
    signatures: z.array(z.object({ protected: z.string(), signature: z.string() })),
  }),
  digest: z.string(),
  issuedAt: z.string(),
});

/** A stored credential: a certificate's, or a 互认决定书's (issue 13 item 7) with `decisionId` instead. */
const storedCredentialSchema = credentialSchema.extend({
  certificateId: z.uuid().optional(),
  decisionId: z.uuid().optional(),
});

const sysadmin = { roles: ['system-admin'] } as const;

export async function credentialRoutes(base: FastifyInstance, opts: CredentialRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const withQr = <C extends Pick<IssuedCredential, 'id' | 'credential' | 'digest'>>(c: C) => ({
    ...c,
    qr: qrContent(opts.publicUrl, c),
  });
  const publicLimit = { max: opts.publicRateLimit, timeWindow: '1 minute' };

  app.get(
    '/certificates/:id/credential',
    {
      schema: {
        tags: ['credentials'],
        summary:
          '可验证凭证 The certificate as a W3C Verifiable Credential 2.0 (vc+jwt, EdDSA; ?serialization=json: every signature, SM2 too under gm)',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ serialization: z.enum(['compact', 'json']).optional() }),
        response: { 200: z.union([credentialSchema, jsonCredentialSchema]) },
      },
      config: {
        access: { roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor', 'holder'] },
      },
    },
    async (request) => {
      const issued = await credentialForCertificate(
        opts,
        principalOf(request),
        auditContextOf(request, opts.clock),
        request.params.id,
      );
      if (request.query.serialization !== 'json') return withQr(issued);
      return {
        id: issued.id,
        certificateId: issued.certificateId,
        format: 'vc+jws-json' as const,
        credential: jsonSerializationOf(issued),
        digest: issued.digest,
        issuedAt: issued.issuedAt,
      };
    },
  );

  app.post(
    '/public/certificates/credential',
    {
      schema: {
        tags: ['credentials'],
        summary:
          '打印凭证 The credential of one certificate, for printing: the holder’s name + the certificate number',
        body: z.union([
          z.strictObject({ ref: z.string().min(1).max(200) }),
          z.strictObject({
            name: z.string().trim().min(1).max(64),
            number: z.string().trim().min(1).max(64),
            type: z.string().max(64).optional(),
          }),
        ]),
        response: { 200: credentialSchema },
      },
      config: { access: { public: true }, rateLimit: publicLimit },
    },
    async (request) => {
      // A ref already proves a query that passed the challenge; name + number is a query of its own.
      if (!('ref' in request.body)) await opts.checkChallenge?.(request);
      return withQr(await credentialForPublic(opts, auditContextOf(request, opts.clock), request.body));
    },
  );

  app.get(
    '/public/credentials/:id',
    {
      schema: {
        tags: ['credentials'],
        summary: '凭证 A stored credential by its id (what a printed QR code points at)',
        params: z.object({ id: z.uuid() }),
        response: { 200: storedCredentialSchema },
      },
      config: { access: { public: true }, rateLimit: publicLimit },
    },
    async (request) => withQr(await storedCredential(opts, request.params.id)),
  );

  app.get(
    '/public/credentials/:id/qr.svg',
    {
      schema: {
        tags: ['credentials'],
        summary: '二维码 The credential’s QR code (SVG)',
        params: z.object({ id: z.uuid() }),
      },
      config: { access: { public: true }, rateLimit: publicLimit },
    },
    async (request, reply) => {
      const c = await storedCredential(opts, request.params.id);
      return reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400, immutable')
        .send(await qrSvg(qrContent(opts.publicUrl, c).text));
    },
  );

  app.get(
    '/credentials/status/:purpose/:list',
    {
      schema: {
        tags: ['credentials'],
        summary:
          '状态列表 A signed W3C Bitstring Status List credential (application/vc+jwt; ?serialization=json: every signature, SM2 too under gm)',
        // `status_lists.list` is an int4: a larger number is no list, not a database error (found by the HTTP fuzz).
        params: z.object({
          purpose: z.enum(statusPurposes),
          list: z.coerce.number().int().min(0).max(2_147_483_647),
        }),
        querystring: z.object({ serialization: z.enum(['compact', 'json']).optional() }),
      },
      config: { access: { public: true } },
    },
    async (request, reply) => {
      if (request.query.serialization === 'json') {
        const credential = await opts.statusLists.getJson(request.params.purpose, request.params.list);
        return reply
          .type('application/json')
          .header('cache-control', 'public, max-age=60')
          .send({ format: 'vc+jws-json', credential });
      }
      const jwt = await opts.statusLists.get(request.params.purpose, request.params.list);
      return reply.type(VC_MEDIA_TYPE).header('cache-control', 'public, max-age=60').send(jwt);
    },
  );

  app.post(
    '/credentials/verify',
    {
      schema: {
        tags: ['credentials'],
        summary:
          '验证凭证 Verify a credential: each check with its reason (signature, issuer, validity, status, schema)',
        body: verifyRequestSchema,
        response: { 200: verifyResponseSchema },
      },
      config: {
        access: { public: true },
        rateLimit: { max: opts.publicRateLimit * 10, timeWindow: '1 minute' },
      },
    },
    async (request) => opts.verifier.verify(request.body.credential),
  );

  app.get(
    '/trusted-issuers',
    {
      schema: {
        tags: ['credentials'],
        summary: '受信任的签发方 Trusted issuers',
        response: { 200: z.object({ items: z.array(trustedIssuerViewSchema) }) },
      },
      config: { access: sysadmin },
    },
    async () => ({ items: await listTrustedIssuers(opts.db) }),
  );

  app.post(
    '/trusted-issuers',
    {
      schema: {
        tags: ['credentials'],
        summary:
          '添加受信任的签发方 Trust an issuer: a JWKS URL, a did:web, or a JsonWebKey verification method',
        body: registerTrustedIssuerSchema,
        response: { 201: trustedIssuerViewSchema },
      },
      config: { access: sysadmin },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await registerTrustedIssuer(opts.db, auditContextOf(request, opts.clock), request.body)),
  );

  app.post(
    '/trusted-issuers/:id/refresh',
    {
      schema: {
        tags: ['credentials'],
        summary: '刷新密钥 Fetch a trusted issuer’s keys again',
        params: z.object({ id: z.uuid() }),
        response: { 200: trustedIssuerViewSchema },
      },
      config: { access: sysadmin },
    },
    async (request) => refreshTrustedIssuer(opts.db, auditContextOf(request, opts.clock), request.params.id),
  );

  app.delete(
    '/trusted-issuers/:id',
    {
      schema: {
        tags: ['credentials'],
        summary: '移除受信任的签发方 Stop trusting an issuer',
        params: z.object({ id: z.uuid() }),
      },
      config: { access: sysadmin },
    },
    async (request, reply) => {
      await removeTrustedIssuer(opts.db, auditContextOf(request, opts.clock), request.params.id);
      return reply.code(204).send();
    },
  );
}
