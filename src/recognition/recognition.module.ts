import type { ModuleFactory } from '../app.modules.ts';
import { decisionRoutes } from './decisions.routes.ts';
import { policyRoutes } from './policy.routes.ts';
import { recognitionRoutes } from './recognition.routes.ts';
import { postgresCanceller, simulationJob } from './simulation.job.ts';
import { simulationRoutes } from './simulation.routes.ts';

/** The recognition engine, the departments' and provinces' packs, their simulation (a job) and 互认决定书. */
export const recognitionModule: ModuleFactory = (ctx) => {
  const deps = { ...ctx.registry, policies: ctx.policies };
  const simulation = simulationJob({
    ...deps,
    ...(ctx.engine === 'postgres' && { cancelBackend: postgresCanceller(ctx.db) }),
  });
  return {
    name: 'recognition',
    jobs: [{ definition: simulation }],
    routes: async (api, jobs) => {
      await api.register(recognitionRoutes, { ...deps, publicRateLimit: ctx.config.publicRateLimit });
      await api.register(policyRoutes, deps);
      await api.register(simulationRoutes, { ...deps, jobs, job: simulation });
      await api.register(decisionRoutes, {
        ...ctx.registry,
        signing: ctx.signing,
        publicUrl: ctx.config.publicUrl,
        did: ctx.did,
      });
    },
  };
};
