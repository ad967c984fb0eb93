import { requestUpload } from '../../api';
import { type BodyOf, call, client, type ItemOf, type QueryOf, type ResponseOf } from '../../api/client';

/**
 * The warnings API (issue 8 §2–3) through the client generated from the server's schemas (issue 15 item 10): the
 * list in the caller's scope, one warning, its review steps, the institution's feedback, the rules.
 */
export type WarningPage = ResponseOf<'/api/v1/warnings'>;
export type WarningView = ItemOf<WarningPage['items']>;
export type WarningDetail = ResponseOf<'/api/v1/warnings/{id}'>;
export type WarningReference = ItemOf<WarningView['references']>;
export type WarningHistoryEntry = ItemOf<WarningDetail['history']>;
export type WarningStatus = WarningView['status'];
export type Severity = WarningView['severity'];
export type SupervisionRules = ResponseOf<'/api/v1/supervision/rules'>;
export type WarningQuery = QueryOf<'/api/v1/warnings'>;
/** The list's status filter: a status, every warning not closed (`open`, the default), or all. */
export type WarningStatusFilter = NonNullable<WarningQuery['status']>;
/** What a reviewer may do through `POST /warnings/{id}/actions` (the institution answers through `/feedback`). */
export type ReviewAction = BodyOf<'/api/v1/warnings/{id}/actions'>['action'];

export interface WarningFilter {
  status: WarningStatusFilter;
  rule?: WarningQuery['rule'];
  severity?: Severity;
  overdue?: 'true' | 'false';
  sort: NonNullable<WarningQuery['sort']>;
}

const enc = encodeURIComponent;

export const warningsApi = {
  list: (filter: WarningFilter & { limit?: number; cursor?: string }) =>
    call(client.GET('/api/v1/warnings', { params: { query: filter } })),
  get: (id: string) => call(client.GET('/api/v1/warnings/{id}', { params: { path: { id } } })),
  act: (id: string, action: ReviewAction, comment?: string) =>
    call(
      client.POST('/api/v1/warnings/{id}/actions', {
        params: { path: { id } },
        body: comment ? { action, comment } : { action },
      }),
    ),
  /**
   * The institution's answer: the comment and its files as one multipart request (the route reads the parts
   * itself, so its body has no JSON schema to generate a call from).
   */
  answer: (id: string, comment: string, files: File[]) => {
    const form = new FormData();
    form.append('comment', comment);
    for (const file of files) form.append('files', file, file.name);
    return requestUpload<WarningDetail>(`/warnings/${enc(id)}/feedback`, form);
  },
  rules: () => call(client.GET('/api/v1/supervision/rules')),
};

/** Where an attachment downloads from; the session cookie authorises the plain link. */
export const attachmentUrl = (warningId: string, attachmentId: string) =>
  `/api/v1/warnings/${enc(warningId)}/attachments/${enc(attachmentId)}`;
