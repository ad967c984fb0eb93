import { call, client, type ItemOf, type ResponseOf } from './api/client';

type GeneratedView = ResponseOf<'/api/v1/sittings/{id}/staffing'>;
/** Staff of a sitting (issue 7 §3): invigilators (监考), examiners (考评员), review panel members (评审委员). */
export type StaffMember = ItemOf<GeneratedView['staff']>;
export type StaffRole = StaffMember['role'];

// Narrower than the server's schema, which leaves the check codes and recusal reasons open (plain strings); these
// are the ones it sends (src/exams/staffing.rules.ts), and the page words each.
export type StaffCheckCode =
  | 'invigilators'
  | 'examiners'
  | 'examiners-odd'
  | 'review-panel'
  | 'review-panel-odd';
export type RecusalReason = 'running-institution' | 'candidate-employer';

/** GET /sittings/{id}/staffing: the staff, each ratio check with its status, and who must recuse. */
export type StaffingView = Omit<GeneratedView, 'checks' | 'recusals'> & {
  checks: Array<Omit<ItemOf<GeneratedView['checks']>, 'code'> & { code: StaffCheckCode }>;
  recusals: Array<{ staffId: string; reason: RecusalReason }>;
};

const id = (value: string) => ({ path: { id: value } });

export const staffingApi = {
  get: (sittingId: string) =>
    call(client.GET('/api/v1/sittings/{id}/staffing', { params: id(sittingId) })) as Promise<StaffingView>,
  assign: (sittingId: string, staff: { role: StaffRole; name: string; employer: string }) =>
    call(client.POST('/api/v1/sittings/{id}/staff', { params: id(sittingId), body: staff })),
};
