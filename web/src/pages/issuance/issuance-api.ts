import { request, withQuery } from '../../api';

/** 一试多证 requests to the issuing department (issue 13 item 8); shapes as `src/issuance/issuance.model.ts`. */
export type IssuanceRequestStatus = 'pending' | 'issued' | 'refused' | 'already-held';

export interface IssuanceQueueItem {
  id: string;
  type: string;
  department: string;
  province: string;
  holder: { name: string; idMasked: string };
  registration: string;
  plan: string;
  planName: string;
  arrangement: string | null;
  skillCertificate: string;
  status: IssuanceRequestStatus;
  existingCertificate: string | null;
  outboxRequest: string | null;
  certificate: string | null;
  refusalReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface MyIssuanceRequest {
  id: string;
  registration: string;
  type: string;
  department: string;
  departmentShortZh: string;
  departmentNameEn: string;
  status: IssuanceRequestStatus;
  number: string | null;
  existingCertificate: string | null;
  refusalReason: string | null;
  decidedAt: string | null;
}

export interface ConfirmBody {
  number: string;
  validFrom: string;
  validUntil?: string;
  issuer: { organization: string };
}

const enc = encodeURIComponent;

export const issuanceApi = {
  queue: (query: { status?: string; type?: string; province?: string; cursor?: string; limit?: number }) =>
    request<{ items: IssuanceQueueItem[]; next?: string }>(
      'GET',
      withQuery('/issuance-requests/queue', query),
    ),
  confirm: (id: string, body: ConfirmBody) =>
    request<IssuanceQueueItem>('POST', `/issuance-requests/${enc(id)}/confirm`, body),
  refuse: (id: string, reason: string) =>
    request<IssuanceQueueItem>('POST', `/issuance-requests/${enc(id)}/refuse`, { reason }),
  mine: () => request<{ items: MyIssuanceRequest[] }>('GET', '/me/issuance-requests'),
};
