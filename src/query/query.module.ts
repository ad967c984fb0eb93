import type { ModuleFactory } from '../app.modules.ts';
import { queryRoutes } from './query.routes.ts';

/** 一网通查: the public query, read from a replica. */
export const queryModule: ModuleFactory = (ctx) => ({
  name: 'query',
  routes: async (api) => {
    await api.register(queryRoutes, {
      ...ctx.registry,
      db: ctx.readDb,
      directory: ctx.directory,
      publicRateLimit: ctx.config.publicRateLimit,
      identifierLimit: ctx.config.publicIdentifierLimit,
      challenges: ctx.challenges,
    });
  },
});
