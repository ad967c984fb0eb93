import type { ModuleFactory } from '../app.modules.ts';
import { explainRoutes } from './explain.routes.ts';

/** 回应关切 (issue 14): explainer data from the published packs, read from a replica. */
export const explainModule: ModuleFactory = (ctx) => ({
  name: 'explain',
  routes: async (api) => {
    await api.register(explainRoutes, {
      ...ctx.registry,
      policies: ctx.policies,
      db: ctx.readDb,
      publicRateLimit: ctx.config.publicRateLimit,
    });
  },
});
