import { request } from './api';

const enc = encodeURIComponent;

/** Staff of a sitting (issue 7 §3): invigilators (监考), examiners (考评员), review panel members (评审委员). */
export type StaffRole = 'invigilator' | 'examiner' | 'reviewer';

export interface StaffMember {
  id: string;
  sittingId: string;
  role: StaffRole;
  name: string;
  /** 工作单位: what recusal is decided on. */
  employer: string;
  createdAt: string;
}

export type StaffCheckCode =
  | 'invigilators'
  | 'examiners'
  | 'examiners-odd'
  | 'review-panel'
  | 'review-panel-odd';
export type RecusalReason = 'running-institution' | 'candidate-employer';

/** GET /sittings/{id}/staffing: the staff, each ratio check with its status, and who must recuse. */
export interface StaffingView {
  sittingId: string;
  candidates: number;
  runningInstitution: string;
  ok: boolean;
  checks: Array<{
    code: StaffCheckCode;
    status: 'met' | 'unmet' | 'skipped';
    required: number;
    actual: number;
  }>;
  recusals: Array<{ staffId: string; reason: RecusalReason }>;
  staff: StaffMember[];
}

export const staffingApi = {
  get: (sittingId: string) => request<StaffingView>('GET', `/sittings/${enc(sittingId)}/staffing`),
  assign: (sittingId: string, staff: { role: StaffRole; name: string; employer: string }) =>
    request<StaffMember>('POST', `/sittings/${enc(sittingId)}/staff`, staff),
};
