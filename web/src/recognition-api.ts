import { ApiError, request, withQuery } from './api';
import type { NationalPack, PolicyDiff, PolicyEntry, PolicyVersion, Simulation } from './policy-types';
import type { EvaluationRequest, EvaluationResponse } from './recognition-types';

const enc = encodeURIComponent;

/** Mutual recognition: the public calculator and the policy packs behind it (issue 4). */
export const recognitionApi = {
  evaluate: (body: EvaluationRequest) => request<EvaluationResponse>('POST', '/recognition/evaluate', body),
  /** A holder's own answer from the registry; the server stores it for replay (issue 4 §4). */
  holderRecognitions: (holderId: string, query: { region?: string; asOf?: string }) =>
    request<EvaluationResponse & { decisionId: string }>(
      'GET',
      withQuery(`/holders/${enc(holderId)}/recognitions`, { ...query, trace: 'true' }),
    ),

  policies: () => request<{ items: PolicyEntry[] }>('GET', '/policies'),
  /** `version` may be `current`: the version in force today. */
  policyVersion: (id: string, version: string) =>
    request<PolicyVersion>('GET', `/policies/${enc(id)}/versions/${enc(version)}`),
  currentNational: () => request<PolicyVersion<NationalPack>>('GET', '/policies/national/versions/current'),
  diff: (id: string, from: string, to: string) =>
    request<PolicyDiff>('GET', withQuery(`/policies/${enc(id)}/diff`, { from, to })),

  simulate: (region: string, version: string) =>
    request<Simulation>('POST', `/policies/${enc(region)}/simulate`, { version }),
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
