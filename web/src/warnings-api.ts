import { request, requestUpload, withQuery } from './api';
import type { Page } from './types';
import type {
  ReviewAction,
  SupervisionRules,
  WarningDetail,
  WarningFilter,
  WarningView,
} from './warning-types';

const enc = encodeURIComponent;

/** The warnings API (issue 8 §2–3): the list in the caller's scope, one warning, its review steps, feedback. */
export const warningsApi = {
  list: (filter: WarningFilter & { limit?: number; cursor?: string }) =>
    request<Page<WarningView>>('GET', withQuery('/warnings', { ...filter })),
  get: (id: string) => request<WarningDetail>('GET', `/warnings/${enc(id)}`),
  act: (id: string, action: ReviewAction, comment?: string) =>
    request<WarningDetail>(
      'POST',
      `/warnings/${enc(id)}/actions`,
      comment ? { action, comment } : { action },
    ),
  /** The institution's answer: the comment and its files as one multipart request. */
  answer: (id: string, comment: string, files: File[]) => {
    const form = new FormData();
    form.append('comment', comment);
    for (const file of files) form.append('files', file, file.name);
    return requestUpload<WarningDetail>(`/warnings/${enc(id)}/feedback`, form);
  },
  rules: () => request<SupervisionRules>('GET', '/supervision/rules'),
};

/** Where an attachment downloads from; the session cookie authorises the plain link. */
export const attachmentUrl = (warningId: string, attachmentId: string) =>
  `/api/v1/warnings/${enc(warningId)}/attachments/${enc(attachmentId)}`;
