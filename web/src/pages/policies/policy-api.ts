import { request } from '../../api';
import type { DepartmentRows, ProvincialRows } from '../../policy-types';

const enc = encodeURIComponent;
const draftPath = (id: string, version: string) => `/policies/${enc(id)}/drafts/${enc(version)}`;

/**
 * The editor's calls (issue 13 §2–3): drafts of a province's pack or a department's 特别规定, publishing, and 会同.
 * `id` is a province code or `dept-<department>[-<province>]`.
 */
export const policyApi = {
  createDraft: (id: string) =>
    request<{ version: string; basedOn: string | null }>('POST', `/policies/${enc(id)}/drafts`, {}),
  saveDraft: (id: string, version: string, rows: ProvincialRows | DepartmentRows) =>
    request<{ version: string; pack: unknown }>('PUT', draftPath(id, version), rows),
  publish: (id: string, version: string, effectiveFrom: string) =>
    request<{ version: string; status: 'published'; effectiveFrom: string }>(
      'POST',
      `${draftPath(id, version)}/publish`,
      { effectiveFrom },
    ),
  /** 提请会签: the draft goes to every department whose certificates it touches. */
  requestCosign: (id: string, version: string) =>
    request<{ version: string; status: 'awaiting-cosign'; departments: Record<string, string[]> }>(
      'POST',
      `${draftPath(id, version)}/request-cosign`,
      {},
    ),
  /** 会签: a department's admin signs, or rejects with a reason, the rows that concern it. */
  cosign: (
    id: string,
    version: string,
    decision: { department: string; outcome: 'signed' | 'rejected'; reason?: string },
  ) =>
    request<{ department: string; status: 'signed' | 'rejected' }>(
      'POST',
      `${draftPath(id, version)}/cosign`,
      decision,
    ),
};
