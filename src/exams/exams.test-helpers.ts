import assert from 'node:assert/strict';
import { createToken, createUser } from '../accounts/accounts.service.ts';
import { findHolderId } from '../registry/registry.service.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { newId } from '../shared/ids.ts';
import { TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

/**
 * Fixtures for the exam tests: institutions, plans and sittings written straight into their tables (their own
 * services are tested in their own files), and candidates who are real registry persons with holder accounts.
 */
let serial = 0;
const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });

export function idNumber(): string {
  serial += 1;
  const body = `44010619880808${String(serial % 1000).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

export async function institution(
  t: TestApp,
  o: { province?: string; scopes: [string, string][]; validUntil?: string; status?: string },
): Promise<{ id: string; siteId: string }> {
  const id = newId();
  const siteId = newId();
  const province = o.province ?? '310000';
  serial += 1;
  const site = String(serial).padStart(6, '0');
  await t.db
    .insertInto('institutions')
    .values({
      id,
      credit_code: `TEST${site}${id.slice(0, 8)}`,
      name: `测试评价机构${serial}`,
      kind: 'S',
      filing_level: 'provincial',
      national_code: '0000',
      province,
      site_code: site,
      code: `S0000${province.slice(0, 2)}${site}`,
      status: o.status ?? 'active',
      valid_from: '2025-01-01',
      valid_until: o.validUntil ?? '2029-12-31',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  await t.db
    .insertInto('institution_sites')
    .values({
      id: siteId,
      institution_id: id,
      name: '考点',
      address: '某路1号',
      region: province,
      created_at: new Date(),
    })
    .execute();
  await t.db
    .insertInto('institution_scopes')
    .values(o.scopes.map(([occupation, level]) => ({ institution_id: id, occupation, level })))
    .execute();
  return { id, siteId };
}

export async function plan(
  t: TestApp,
  o: {
    occupation?: string;
    level: string;
    institutions: { id: string; province: string }[];
    status?: string;
    kind?: 'single' | 'joint';
  },
): Promise<string> {
  const id = newId();
  serial += 1;
  await t.db
    .insertInto('exam_plans')
    .values({
      id,
      code: `RD-TEST-${serial}-${id.slice(0, 6)}`,
      name: '电工四级认定',
      occupation: o.occupation ?? '6-31-01-03',
      level: o.level,
      kind: o.kind ?? (o.institutions.length > 1 ? 'joint' : 'single'),
      lead_province: o.institutions[0]?.province ?? '310000',
      status: o.status ?? 'approved',
      subjects: JSON.stringify([]),
      registration_opens: '2026-01-01',
      registration_closes: '2027-12-31',
      created_by: 'test',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  await t.db
    .insertInto('exam_plan_institutions')
    .values(o.institutions.map((i) => ({ plan_id: id, institution_id: i.id, province: i.province })))
    .execute();
  return id;
}

export async function sitting(
  t: TestApp,
  o: {
    planId: string;
    institution: { id: string; siteId: string };
    startsAt: string;
    endsAt: string;
    capacity: number;
  },
): Promise<string> {
  const id = newId();
  await t.db
    .insertInto('exam_sittings')
    .values({
      id,
      plan_id: o.planId,
      institution_id: o.institution.id,
      site_id: o.institution.siteId,
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      capacity: o.capacity,
      created_at: new Date(),
    })
    .execute();
  return id;
}

/** A registry person holding the given certificates, and a holder account bound to them; returns its token. */
export async function candidate(
  t: TestApp,
  certificates: { type: string; validFrom?: string; validUntil?: string }[],
  name = '孙八',
): Promise<{ token: string; idNumber: string }> {
  // A holder account is bound to a registry person, who exists only once a certificate is registered.
  if (certificates.length === 0) throw new Error('candidate() needs at least one certificate');
  const id = idNumber();
  for (const c of certificates) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: {
        type: c.type,
        number: `T${id}`,
        holder: { name, idType: 'resident', idNumber: id },
        validFrom: c.validFrom ?? '2021-03-01',
        validUntil: c.validUntil ?? '2027-02-28',
        issuer: { region: '440000', organization: '广东省应急管理厅' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  serial += 1;
  const user = await createUser(
    t.db,
    ctx(),
    {
      username: `candidate-${process.pid}-${serial}`,
      displayName: name,
      password: 'correct horse battery',
      role: 'holder',
      holderIdNumber: id,
    },
    t.secrets(),
    async (idType, value) => (await findHolderId(t.registry, idType, value)) ?? null,
  );
  return {
    token: (await createToken(t.db, ctx(), user.id, { label: 'test' }, t.secrets())).token,
    idNumber: id,
  };
}
