import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { candidate, institution, plan, sitting } from '../exams/exams.test-helpers.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { findHolderId } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { addSource } from '../sources/sources.test-helpers.ts';
import { TEST_ADMIN_TOKEN, type TestApp, testCatalog } from '../testing/app.ts';

export const LINKED_SOURCE = 'mohurd-sh-issuing';

/**
 * Shanghai's 一试多证 arrangement (电工四级 → also 建筑电工, as the demo's `sh.oemc.electrician-4`) in force as a
 * published version of the province's pack (written as a fixture: how a pack gets published — drafts, co-signatures
 * — is the policy module's business and tested there), a linked MOHURD source for 建筑电工 in 310000 without an
 * issuance endpoint, and a plan with one sitting at a Shanghai institution.
 */
export async function setUpDepartmentIssuance(t: TestApp, options: { linked?: boolean } = {}) {
  const policies = loadPolicyPacks(path.join(projectRoot, 'policies'), testCatalog());
  const committed = policies.provinces.get('310000');
  await t.db
    .insertInto('policy_versions')
    .values({
      policy_id: '310000',
      version: 'test-oemc',
      status: 'published',
      effective_from: '2026-01-01',
      pack: JSON.stringify({
        ...committed,
        oneExamMultiCert: [
          {
            id: 'sh.oemc.electrician-4',
            occupation: '6-31-01-03',
            level: '4',
            issues: ['mohrss.skill-level', 'mohurd.electrician'],
            basis: '测试 test arrangement',
            effectiveFrom: '2026-01-01',
          },
        ],
      }),
      based_on: null,
      created_by: 'test',
      created_at: new Date(),
      published_by: 'test',
      published_at: new Date(),
    })
    .execute();
  if (options.linked !== false)
    await addSource(t, TEST_ADMIN_TOKEN, {
      id: LINKED_SOURCE,
      nameZh: '上海市建设工程安全质量监督总站（自行核发）',
      nameEn: 'Shanghai construction safety (issues itself)',
      department: 'mohurd',
      kind: 'linked',
      url: 'https://zjw.sh.gov.cn/query',
      types: ['mohurd.electrician'],
      region: '310000',
    });
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  const planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  const sittingId = await sitting(t, {
    planId,
    institution: inst,
    startsAt: '2026-12-27T09:00:00+08:00',
    endsAt: '2026-12-27T11:00:00+08:00',
    capacity: 50,
  });
  return { deps: { ...t.registry, policies }, inst, planId, sittingId, today: todayInChina(t.clock) };
}

/**
 * A candidate of the Shanghai 一试多证 plan (`setUpJointIssuance`) whose result is final and passed, with their holder
 * token; `holds` adds certificates they already have (e.g. a valid 建筑电工 with a MOHURD number).
 */
export async function passedHolder(
  t: TestApp,
  setup: { planId: string; sittingId: string; inst: { id: string } },
  name: string,
  holds: { type: string; number: string; validFrom: string; validUntil: string }[] = [],
): Promise<{ registrationId: string; idNumber: string; holderId: string; token: string }> {
  const c = await candidate(t, [{ type: 'mem.lv-electrician' }], name);
  for (const h of holds) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: {
        type: h.type,
        number: h.number,
        holder: { name, idType: 'resident', idNumber: c.idNumber },
        validFrom: h.validFrom,
        validUntil: h.validUntil,
        issuer: { region: '310000', organization: '上海市住房和城乡建设管理委员会' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  const holderId = await findHolderId(t.registry, 'resident', c.idNumber);
  if (!holderId) throw new Error('no holder');
  const registrationId = newId();
  const now = new Date();
  await t.db
    .insertInto('exam_registrations')
    .values({
      id: registrationId,
      plan_id: setup.planId,
      sitting_id: setup.sittingId,
      institution_id: setup.inst.id,
      province: '310000',
      holder_id: holderId,
      starts_at: '2026-12-27T09:00:00+08:00',
      ends_at: '2026-12-27T11:00:00+08:00',
      status: 'registered',
      channel: 'self',
      declared: '{}',
      commitment: '{}',
      // A stored answer of the shape `/me/registrations` returns (the engine is tested on its own).
      eligibility: JSON.stringify({
        eligible: true,
        occupation: '6-31-01-03',
        level: '4',
        reasonCodes: [],
        heldLevel: null,
        routes: [],
        ignored: [],
        summaryZh: '可以报考（测试）',
        summaryEn: 'Eligible (test)',
      }),
      created_by: 'test',
      created_at: now,
    })
    .execute();
  await t.db
    .insertInto('exam_results')
    .values({
      registration_id: registrationId,
      plan_id: setup.planId,
      scores: '[]',
      passed: true,
      flags: '[]',
      status: 'final',
      updated_at: now,
    })
    .execute();
  return { registrationId, idNumber: c.idNumber, holderId, token: c.token };
}
