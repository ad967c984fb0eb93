import type { ModuleFactory } from '../app.modules.ts';
import { bankRoutes } from './bank.routes.ts';

export const bankModule: ModuleFactory = (ctx) => ({
  name: 'bank',
  routes: async (api) => {
    await api.register(bankRoutes, { db: ctx.db, catalog: ctx.catalog, clock: ctx.clock });
  },
});
