import { ApiError } from './api';
import { type BodyOf, call, client } from './api/client';
import type { NationalPack, PolicyDiff, PolicyVersion, SimulationRun } from './policy-types';
import type { EvaluationRequest, EvaluationResponse } from './recognition-types';

const version = (id: string, v: string) => ({ path: { id, version: v } });

/** The run's `result` is free JSON in the server's schema: the `Simulation` of a finished run (see SimulationRun). */
const asRun = (run: Omit<SimulationRun, 'result'> & { result: unknown }) => run as SimulationRun;

/** Mutual recognition: the public calculator and the policy packs behind it (issue 4). */
export const recognitionApi = {
  // Casts: see HeldCertificate (a level the server checks) and TraceStep (a reason the schema leaves open).
  evaluate: (body: EvaluationRequest) =>
    call(
      client.POST('/api/v1/recognition/evaluate', {
        body: body as BodyOf<'/api/v1/recognition/evaluate'>,
      }),
    ) as Promise<EvaluationResponse>,
  /** A holder's own answer from the registry; the server stores it for replay (issue 4 §4). */
  holderRecognitions: (holderId: string, query: { region?: string; asOf?: string }) =>
    call(
      client.GET('/api/v1/holders/{id}/recognitions', {
        params: { path: { id: holderId }, query: { ...query, trace: 'true' } },
      }),
    ) as Promise<EvaluationResponse & { decisionId: string }>,

  policies: () => call(client.GET('/api/v1/policies')),
  /** `version` may be `current`: the version in force today. */
  policyVersion: (id: string, v: string) =>
    call(
      client.GET('/api/v1/policies/{id}/versions/{version}', { params: version(id, v) }),
    ) as Promise<PolicyVersion>,
  currentNational: () =>
    call(
      client.GET('/api/v1/policies/{id}/versions/{version}', { params: version('national', 'current') }),
    ) as Promise<PolicyVersion<NationalPack>>,
  diff: (id: string, from: string, to: string) =>
    call(
      client.GET('/api/v1/policies/{id}/diff', { params: { path: { id }, query: { from, to } } }),
    ) as Promise<PolicyDiff>,

  /** 影响模拟 as a job (issue 16 §2): started here, then followed with `getSimulation` until it has finished. */
  startSimulation: (region: string, v: string) =>
    call(
      client.POST('/api/v1/policies/{region}/simulations', {
        params: { path: { region } },
        body: { version: v },
      }),
    ).then(asRun),
  getSimulation: (region: string, id: string) =>
    call(client.GET('/api/v1/policies/{region}/simulations/{id}', { params: { path: { region, id } } })).then(
      asRun,
    ),
  /** A 409 `conflict` when the run has finished meanwhile. */
  cancelSimulation: (region: string, id: string) =>
    call(
      client.POST('/api/v1/policies/{region}/simulations/{id}/cancel', { params: { path: { region, id } } }),
    ).then(asRun),
};

/** `undefined` for a 404 (a policy or endpoint not there yet); other failures are thrown. */
export async function unlessMissing<T>(load: Promise<T>): Promise<T | undefined> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
