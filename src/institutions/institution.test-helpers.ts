import assert from 'node:assert/strict';
import { creditCodeCheckChar } from '../shared/identifiers.ts';
import type { TestApp } from '../testing/app.ts';
import type { CreateInstitutionInput, InstitutionView } from './institution.model.ts';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A valid 统一社会信用代码 (GB 32100-2015) with serial `n`, registered in the province `province`. */
export function creditCode(n: number, province = '310000'): string {
  const body = `91${province}MA${String(n).padStart(7, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
}

/** A provincial filing for 电工 levels 5–3 in Shanghai; `n` keeps credit code and site code unique per test. */
export function makeInstitution(
  n: number,
  overrides: Partial<CreateInstitutionInput> = {},
): CreateInstitutionInput {
  const province = overrides.province ?? '310000';
  return {
    creditCode: creditCode(n, province),
    name: `测试评价机构${n}`,
    kind: 'S',
    filingLevel: 'provincial',
    province,
    siteCode: String(100000 + n),
    validFrom: '2025-01-01',
    validUntil: '2029-12-31',
    sites: [{ name: '主考点', address: '测试路 1 号', region: `${province.slice(0, 2)}0115` }],
    scopes: ['5', '4', '3'].map((level) => ({ occupation: '6-31-01-03', level: level as '5' })),
    ...overrides,
  };
}

/** Files through the API and asserts it worked. */
export async function fileInstitution(t: TestApp, token: string, body: object): Promise<InstitutionView> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/institutions',
    headers: bearer(token),
    payload: body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** The detail paths of a 4xx answer. */
export function errorPaths(body: string): string[] {
  const details = (JSON.parse(body) as { error: { details?: Array<{ path: string }> } }).error.details ?? [];
  return details.map((d) => d.path);
}

/** One API call under /api/v1, with a bearer token when given. */
export function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  token?: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: token ? bearer(token) : {},
    ...(payload && { payload }),
  });
}

/** The exam events written about an institution, oldest first. */
export function examEventsOf(t: TestApp, institutionId: string) {
  return t.db
    .selectFrom('exam_events')
    .select(['kind', 'actor_label', 'province', 'subject_type', 'payload'])
    .where('institution_id', '=', institutionId)
    .orderBy('id')
    .execute();
}

/** The audit rows of an institution, in chain order. */
export function auditRowsOf(t: TestApp, institutionId: string) {
  return t.db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after'])
    .where('target_type', '=', 'institution')
    .where('target_id', '=', institutionId)
    .orderBy('position')
    .execute();
}
