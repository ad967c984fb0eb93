import type { ModuleFactory } from '../app.modules.ts';
import { assemblyRoutes } from './assembly.routes.ts';
import { attemptRoutes } from './attempts.routes.ts';
import { planRoutes } from './plans.routes.ts';
import { registrationRoutes } from './registration.routes.ts';
import { resultsRoutes } from './results.routes.ts';
import { loadResultsRules } from './results.rules.ts';
import { staffingRoutes } from './staffing.routes.ts';

/** Exam administration: registration, plans, papers, staffing, attempts and results. */
export const examsModule: ModuleFactory = (ctx) => {
  const policyDeps = { ...ctx.registry, policies: ctx.policies };
  return {
    name: 'exams',
    routes: async (api) => {
      await api.register(registrationRoutes, policyDeps);
      await api.register(resultsRoutes, { ...policyDeps, results: loadResultsRules() });
      await api.register(attemptRoutes, policyDeps);
      await api.register(planRoutes, ctx.exams);
      await api.register(assemblyRoutes, ctx.exams);
      await api.register(staffingRoutes, ctx.exams);
    },
  };
};
