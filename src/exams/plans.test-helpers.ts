import { newId } from '../shared/ids.ts';
import type { TestApp } from '../testing/app.ts';

/**
 * Fixtures of the plan tests. Institutions are written straight into the register's tables (the register's own
 * service is tested with it), so these tests choose any filing status, validity and scope.
 */
export interface TestInstitution {
  id: string;
  name: string;
  province: string;
  siteIds: string[];
}

let serial = 0;

export async function addInstitution(
  t: TestApp,
  o: {
    province?: string;
    scopes?: [string, string][];
    status?: 'active' | 'suspended' | 'revoked';
    validFrom?: string;
    validUntil?: string;
    sites?: number;
    /** Fixed ids, for fixtures a test names before it runs (the authorisation matrix). */
    id?: string;
    siteId?: string;
  } = {},
): Promise<TestInstitution> {
  serial += 1;
  const id = o.id ?? newId();
  const province = o.province ?? '310000';
  const seq = `${process.pid % 1000}${String(serial).padStart(3, '0')}`.padStart(6, '0').slice(-6);
  const name = `计划测试评价机构${serial}`;
  const at = new Date();
  await t.db
    .insertInto('institutions')
    .values({
      id,
      credit_code: `PLAN${seq}${id.slice(0, 8)}`,
      name,
      kind: 'S',
      filing_level: 'provincial',
      national_code: '0000',
      province,
      site_code: seq,
      code: `S0000${province.slice(0, 2)}${seq}-${id.slice(0, 4)}`,
      status: o.status ?? 'active',
      valid_from: o.validFrom ?? '2025-01-01',
      valid_until: o.validUntil ?? '2029-12-31',
      created_at: at,
      updated_at: at,
    })
    .execute();
  const siteIds = Array.from({ length: o.sites ?? 1 }, (_, i) => (i === 0 && o.siteId ? o.siteId : newId()));
  await t.db
    .insertInto('institution_sites')
    .values(
      siteIds.map((siteId, i) => ({
        id: siteId,
        institution_id: id,
        name: `第${i + 1}考点`,
        address: `测试路${serial}号`,
        region: province,
        created_at: new Date(at.getTime() + i),
      })),
    )
    .execute();
  const scopes = o.scopes ?? [
    ['6-31-01-03', '5'],
    ['6-31-01-03', '4'],
  ];
  await t.db
    .insertInto('institution_scopes')
    .values(scopes.map(([occupation, level]) => ({ institution_id: id, occupation, level })))
    .execute();
  return { id, name, province, siteIds };
}

export const operatorOf = (t: TestApp, inst: TestInstitution) =>
  t.tokenFor('institution-operator', { institution: inst.id });

export const provinceAdmin = (t: TestApp, province: string) => t.tokenFor('province-admin', { province });

export function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload && { payload }),
  });
}

/** A 电工 level 4 plan body for 2027 (the tests' clock is in late 2026). */
export function planBody(o: Record<string, unknown> = {}) {
  return {
    kind: 'single',
    name: '电工四级认定 2027年第一批',
    occupation: '6-31-01-03',
    level: '4',
    registrationOpens: '2027-03-01',
    registrationCloses: '2027-03-31',
    ...o,
  };
}

export function sittingBody(inst: TestInstitution, o: Record<string, unknown> = {}) {
  return {
    institutionId: inst.id,
    siteId: inst.siteIds[0],
    startsAt: '2027-04-10T09:00:00+08:00',
    endsAt: '2027-04-10T12:00:00+08:00',
    capacity: 30,
    ...o,
  };
}

/** Audit actions and exam event kinds written for a target, oldest first. */
export async function trail(t: TestApp, id: string): Promise<{ audit: string[]; events: string[] }> {
  const audit = await t.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', id)
    .orderBy('position')
    .execute();
  const events = await t.db
    .selectFrom('exam_events')
    .select('kind')
    .where('subject_id', '=', id)
    .orderBy('id')
    .execute();
  return { audit: audit.map((r) => r.action), events: events.map((r) => r.kind) };
}
