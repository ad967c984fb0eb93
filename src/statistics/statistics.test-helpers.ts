import { randomUUID } from 'node:crypto';
import type { Principal } from '../accounts/accounts.model.ts';
import { institution, plan, sitting } from '../exams/exams.test-helpers.ts';
import type { EvaluationResponse, HeldCertificate } from '../recognition/recognition.model.ts';
import { createCertificate } from '../registry/registry.service.ts';
import { newId } from '../shared/ids.ts';
import { residentId } from '../sources/sources.test-helpers.ts';
import type { TestApp } from '../testing/app.ts';

/**
 * Fixtures for the statistics tests: certificates through the registry's own service, and recognition decisions,
 * exam results and warnings written straight into their tables (their services are tested in their own files),
 * so each figure can be checked against counts worked out by hand.
 */
const admin: Principal = {
  via: 'token',
  userId: null,
  username: 'statistics-test',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};
const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });
let serial = 0;

export interface MadeCertificate {
  holderId: string;
  number: string;
  type: string;
}

/** A certificate of a MEM or SAMR type (numbers "T" + ID, or the ID itself), issued in `region`. */
export async function addCertificate(
  t: TestApp,
  o: {
    type: 'mem.lv-electrician' | 'mem.hv-electrician' | 'mem.fusion-welding' | 'samr.metal-welding';
    region: string;
    validFrom: string;
    validUntil: string;
    status?: 'valid' | 'suspended' | 'revoked';
    idNumber?: string;
  },
): Promise<MadeCertificate> {
  serial += 1;
  const idNumber = o.idNumber ?? residentId(500 + serial);
  const number = o.type.startsWith('mem.') ? `T${idNumber}` : idNumber;
  const view = await createCertificate(t.registry, ctx(), admin, {
    type: o.type,
    number,
    holder: { name: '统计测试', idType: 'resident', idNumber },
    validFrom: o.validFrom,
    validUntil: o.validUntil,
    status: o.status ?? 'valid',
    issuer: { region: o.region, organization: '发证机关' },
  });
  return { holderId: view.holder.id, number, type: o.type };
}

type Grant = { kind: 'level'; rule: string } | { kind: 'exemption'; rule: string; denied?: boolean };

/** A stored decision about `held` with the grants given, made at `at` (an instant). */
export async function addDecision(
  t: TestApp,
  o: { holderId: string | null; region: string | null; at: string; held: MadeCertificate; grants: Grant[] },
): Promise<void> {
  const facts: { certificates: HeldCertificate[] } = {
    certificates: [{ type: o.held.type, number: o.held.number, validFrom: '2024-03-01', status: 'valid' }],
  };
  // A denial comes from a (co-signed) provincial pack: the decision names it, as the engine does.
  const province = o.region && `${o.region.slice(0, 2)}0000`;
  const denied = province ? o.grants.some((g) => g.kind === 'exemption' && g.denied) : false;
  const result: EvaluationResponse = {
    asOf: o.at.slice(0, 10),
    region: o.region,
    policy: denied ? { national: '2026-12', province: '2026-03' } : { national: '2026-12' },
    levels: o.grants
      .filter((g) => g.kind === 'level')
      .map((g) => ({
        occupation: '6-31-01-03',
        deemedLevel: 5,
        mayApplyFor: 4,
        basis: [o.held.number],
        since: '2024-03-01',
        rule: g.rule,
        conditions: [],
      })),
    exemptions: o.grants.flatMap((g) =>
      g.kind === 'exemption'
        ? [
            {
              basis: o.held.number,
              target: 'mohurd.electrician',
              exempt: g.denied ? [] : ['safety-training' as const],
              rule: g.rule,
              // The national rows these fixtures name are all from the notice's attachment.
              evidence: 'attachment' as const,
              decidedBy:
                g.denied && province
                  ? {
                      department: 'mohrss' as const,
                      region: province,
                      pack: province,
                      version: '2026-03',
                      row: 'sh.deny',
                    }
                  : { pack: 'national', version: '2026-12', row: g.rule },
            },
          ]
        : [],
    ),
    ignored: [],
  };
  await t.db
    .insertInto('recognition_decisions')
    .values({
      id: newId(),
      holder_id: o.holderId,
      region: o.region,
      as_of: o.at.slice(0, 10),
      national_version: '2026-12',
      province_version: denied ? '2026-03' : null,
      facts: JSON.stringify(facts),
      facts_hash: 'test',
      result: JSON.stringify(result),
      created_at: o.at,
    })
    .execute();
}

/** An institution of `province` with `n` results of a level-`level` plan of 2026, `passed` of them passed. */
export async function addResults(
  t: TestApp,
  o: { province: string; n: number; passed: number; level?: string; institutionId?: string; siteId?: string },
): Promise<{ id: string; siteId: string }> {
  const level = o.level ?? '4';
  const inst =
    o.institutionId && o.siteId
      ? { id: o.institutionId, siteId: o.siteId }
      : await institution(t, { province: o.province, scopes: [['6-31-01-03', level]] });
  const planId = await plan(t, { level, institutions: [{ id: inst.id, province: o.province }] });
  const startsAt = '2026-06-20T09:00:00+08:00';
  const endsAt = '2026-06-20T11:00:00+08:00';
  const sittingId = await sitting(t, { planId, institution: inst, startsAt, endsAt, capacity: o.n });
  const now = new Date();
  const holders = Array.from({ length: o.n }, () => randomUUID());
  await t.db
    .insertInto('holders')
    .values(
      holders.map((id) => ({
        id,
        id_type: 'resident',
        id_index: `statistics-${id}`,
        id_cipher: 'none',
        id_masked: '****',
        name: '考生',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const registrations = holders.map((holderId) => ({ id: randomUUID(), holderId }));
  await t.db
    .insertInto('exam_registrations')
    .values(
      registrations.map((r) => ({
        id: r.id,
        plan_id: planId,
        sitting_id: sittingId,
        institution_id: inst.id,
        province: o.province,
        holder_id: r.holderId,
        starts_at: startsAt,
        ends_at: endsAt,
        status: 'registered',
        channel: 'self',
        declared: '{}',
        commitment: '{}',
        eligibility: '{}',
        created_by: 'test',
        created_at: now,
      })),
    )
    .execute();
  await t.db
    .insertInto('exam_results')
    .values(
      registrations.map((r, i) => ({
        registration_id: r.id,
        plan_id: planId,
        scores: '[]',
        passed: i < o.passed,
        flags: '[]',
        status: 'final',
        updated_at: now,
      })),
    )
    .execute();
  return inst;
}

/** A warning of `rule` in `province`, created `ageDays` before `now`, due `dueDays` after now (negative: past). */
export async function addWarning(
  t: TestApp,
  o: {
    rule: string;
    province: string;
    status: string;
    now: Date;
    ageDays: number;
    dueDays: number | null;
    occupation?: string;
  },
): Promise<void> {
  const day = 24 * 3600_000;
  const created = new Date(o.now.getTime() - o.ageDays * day);
  await t.db
    .insertInto('warnings')
    .values({
      id: newId(),
      rule: o.rule,
      rules_version: '2026-11-29',
      severity: 'medium',
      status: o.status,
      fingerprint: `statistics:${randomUUID()}`,
      institution_id: null,
      plan_id: null,
      sitting_id: null,
      province: o.province,
      occupation: o.occupation ?? null,
      review_level: 'province',
      summary: '测试预警',
      evidence: '{}',
      due_at: o.dueDays === null ? null : new Date(o.now.getTime() + o.dueDays * day),
      created_at: created,
      updated_at: created,
    })
    .execute();
}
