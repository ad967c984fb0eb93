import type { ModuleFactory } from '../app.modules.ts';
import { assertChallengeSolved } from '../query/query.challenge.ts';
import { credentialRoutes } from './credentials.routes.ts';
import { createStatusListCache } from './status.service.ts';
import { createVerifier } from './verify.service.ts';

/** Verifiable credentials: issuing, status lists (read from a replica) and verification. */
export const credentialsModule: ModuleFactory = (ctx) => ({
  name: 'credentials',
  routes: async (api) => {
    const credentials = {
      ...ctx.registry,
      signing: ctx.signing,
      publicUrl: ctx.config.publicUrl,
      did: ctx.did,
    };
    await api.register(credentialRoutes, {
      ...credentials,
      verifier: createVerifier(credentials),
      statusLists: createStatusListCache({ ...credentials, db: ctx.readDb }),
      publicRateLimit: ctx.config.publicRateLimit,
      checkChallenge: (request) => assertChallengeSolved(ctx.challenges, request, ctx.clock.now()),
    });
  },
});
