import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { didDocumentOf, jwksOf, publishedKeys } from './keys.ts';

/**
 * The issuer's public keys (issue 5 §3): `/.well-known/jwks.json` (RFC 7517) and the did:web document at
 * `/.well-known/did.json`, both listing every key ever used so old credentials keep verifying after rotation.
 */
export async function wellKnownRoutes(app: FastifyInstance, opts: { db: Kysely<Database>; did: string }) {
  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply
      .type('application/jwk-set+json')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(jwksOf(opts.did, await publishedKeys(opts.db))),
  );
  app.get('/.well-known/did.json', async (_request, reply) =>
    reply
      .type('application/did+json')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(didDocumentOf(opts.did, await publishedKeys(opts.db))),
  );
}
