import type { ModuleFactory } from '../app.modules.ts';
import { issuanceRoutes } from './issuance.routes.ts';

export const issuanceModule: ModuleFactory = (ctx) => ({
  name: 'issuance',
  routes: async (api) => {
    await api.register(issuanceRoutes, ctx.registry);
  },
});
