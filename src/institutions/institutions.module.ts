import type { ModuleFactory } from '../app.modules.ts';
import { institutionRoutes } from './institution.routes.ts';

export const institutionsModule: ModuleFactory = (ctx) => ({
  name: 'institutions',
  routes: async (api) => {
    await api.register(institutionRoutes, {
      db: ctx.db,
      readDb: ctx.readDb,
      catalog: ctx.catalog,
      clock: ctx.clock,
    });
  },
});
