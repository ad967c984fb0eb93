import type { ModuleFactory } from '../app.modules.ts';
import { cryptoProfileRoutes } from '../protection/protection.routes.ts';
import { backupRoutes } from './backup.routes.ts';

/** Operations: online backup and the crypto profile's migration. */
export const operationsModule: ModuleFactory = (ctx) => ({
  name: 'operations',
  routes: async (api) => {
    await api.register(backupRoutes, { config: ctx.config, bulk: ctx.bulk, db: ctx.db, clock: ctx.clock });
    await api.register(cryptoProfileRoutes, { db: ctx.db });
  },
});
