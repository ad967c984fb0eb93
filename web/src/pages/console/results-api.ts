import { type BodyOf, call, client, type ItemOf, type ResponseOf } from '../../api/client';

/**
 * Grading, results, 公示, issuance and the sealed archive (issue 7 §4–6), through the client generated from the
 * server's schemas (issue 15 item 10): the types are the routes' own answers, not copies of them.
 */
export type PlanResult = ItemOf<ResponseOf<'/api/v1/plans/{planId}/results'>['items']>;
export type AppealOutcome = BodyOf<'/api/v1/registrations/{id}/appeal/resolve'>['outcome'];
export type IssueOutcome = ResponseOf<'/api/v1/plans/{planId}/results/issue', 'post'>;
export type ArchiveCheck = ResponseOf<'/api/v1/plans/{planId}/archive/verify'>;
export type PracticalSheets = ResponseOf<'/api/v1/registrations/{id}/practical-scores'>;
export type ScoreSheet = BodyOf<'/api/v1/registrations/{id}/practical-scores'>;

const plan = (planId: string) => ({ params: { path: { planId } } });
const registration = (id: string) => ({ params: { path: { id } } });

export const resultsApi = {
  list: (planId: string) => call(client.GET('/api/v1/plans/{planId}/results', plan(planId))),
  compute: (planId: string) => call(client.POST('/api/v1/plans/{planId}/results/compute', plan(planId))),
  publish: (planId: string, windows: { publicityDays: number; appealDays: number }) =>
    call(client.POST('/api/v1/plans/{planId}/results/publish', { ...plan(planId), body: windows })),
  issue: (planId: string) => call(client.POST('/api/v1/plans/{planId}/results/issue', plan(planId))),
  verifyArchive: (planId: string) => call(client.GET('/api/v1/plans/{planId}/archive/verify', plan(planId))),
  sheets: (registrationId: string) =>
    call(client.GET('/api/v1/registrations/{id}/practical-scores', registration(registrationId))),
  resolveAppeal: (registrationId: string, body: { outcome: AppealOutcome; resolution: string }) =>
    call(client.POST('/api/v1/registrations/{id}/appeal/resolve', { ...registration(registrationId), body })),
  purgeArchive: (planId: string) => call(client.POST('/api/v1/plans/{planId}/archive/purge', plan(planId))),
  enterScore: (registrationId: string, sheet: ScoreSheet) =>
    call(
      client.POST('/api/v1/registrations/{id}/practical-scores', {
        ...registration(registrationId),
        body: sheet,
      }),
    ),
};
