import type { ModuleFactory } from '../app.modules.ts';
import { findHolderId } from '../registry/registry.service.ts';
import { accountsRoutes } from './accounts.routes.ts';

export const accountsModule: ModuleFactory = (ctx) => ({
  name: 'accounts',
  routes: async (api) => {
    await api.register(accountsRoutes, {
      db: ctx.db,
      clock: ctx.clock,
      loginRateLimit: 20,
      secrets: ctx.secrets,
      findHolder: (idType, idNumber) => findHolderId(ctx.registry, idType, idNumber),
    });
  },
});
