import { type BodyOf, call, client } from '../../api/client';
import type { DepartmentRows, ProvincialRows } from '../../policy-types';

type DraftRows = BodyOf<'/api/v1/policies/{id}/drafts/{version}', 'put'>;
type CosignBody = BodyOf<'/api/v1/policies/{id}/drafts/{version}/cosign'>;

const draft = (id: string, version: string) => ({ path: { id, version } });

/**
 * The editor's calls (issue 13 §2–3): drafts of a province's pack or a department's 特别规定, publishing, and 会同.
 * `id` is a province code or `dept-<department>[-<province>]`.
 */
export const policyApi = {
  createDraft: (id: string) =>
    call(client.POST('/api/v1/policies/{id}/drafts', { params: { path: { id } }, body: {} })),
  /**
   * The editor's rows as they stand: its `Override` keeps `targets` / `condition` optional whatever the action
   * while a row is edited, where the route's schema ties them to `narrow` / `condition`; the server checks them
   * (400 with the field), so the rows go as they are.
   */
  saveDraft: (id: string, version: string, rows: ProvincialRows | DepartmentRows) =>
    call(
      client.PUT('/api/v1/policies/{id}/drafts/{version}', {
        params: draft(id, version),
        body: rows as DraftRows,
      }),
    ),
  publish: (id: string, version: string, effectiveFrom: string) =>
    call(
      client.POST('/api/v1/policies/{id}/drafts/{version}/publish', {
        params: draft(id, version),
        body: { effectiveFrom },
      }),
    ),
  /** 提请会签: the draft goes to every department whose certificates it touches. */
  requestCosign: (id: string, version: string) =>
    call(
      client.POST('/api/v1/policies/{id}/drafts/{version}/request-cosign', {
        params: draft(id, version),
        body: {},
      }),
    ),
  /**
   * 会签: a department's admin signs, or rejects with a reason, the rows that concern it. `department` as the
   * version's co-signatures name it (a plain string there); the server answers 400 for another.
   */
  cosign: (id: string, version: string, decision: Omit<CosignBody, 'department'> & { department: string }) =>
    call(
      client.POST('/api/v1/policies/{id}/drafts/{version}/cosign', {
        params: draft(id, version),
        body: { ...decision, department: decision.department as CosignBody['department'] },
      }),
    ),
};
