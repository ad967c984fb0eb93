import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../accounts/accounts.model.ts';
import { projectRoot } from '../config.ts';
import { decideCosignature, publishDraft, requestCosignatures } from '../recognition/policy.cosign.ts';
import { createDraft, updateDraft } from '../recognition/policy.service.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { newId } from '../shared/ids.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp, testCatalog } from '../testing/app.ts';
import { candidate, institution, plan, sitting } from './exams.test-helpers.ts';
import { nextSerial } from './issuance.ts';
import { COMMITMENT } from './registration.model.ts';
import { decideResult, skillNumberPrefix, withSerial } from './results.rules.ts';

const theoryAndSkills = [
  { kind: 'theory' as const, passMark: 60 },
  { kind: 'skills' as const, passMark: 60 },
];

describe('result rules (issue 7 §4–5)', () => {
  it('passes only when every required subject reaches its pass mark', () => {
    assert.equal(decideResult(theoryAndSkills, 72, { skills: [70, 66, 68] }, 10).passed, true);
    const failed = decideResult(theoryAndSkills, 59.5, { skills: [90, 90, 90] }, 10);
    assert.equal(failed.passed, false);
    assert.deepEqual(failed.flags, []);
  });

  it('combines examiners by their mean and flags a spread beyond the threshold, and too few examiners', () => {
    const r = decideResult(theoryAndSkills, 80, { skills: [85, 62, 70] }, 10);
    assert.equal(r.scores[1]?.score, 72.3);
    assert.deepEqual(r.flags, [
      { code: 'examiner-disagreement', subject: 'skills', spread: 23, threshold: 10 },
    ]);
    const two = decideResult(theoryAndSkills, 80, { skills: [70, 72] }, 10);
    assert.deepEqual(two.flags, [{ code: 'too-few-examiners', subject: 'skills', count: 2 }]);
    const missing = decideResult(theoryAndSkills, null, {}, 10);
    assert.equal(missing.passed, false);
    assert.equal(missing.flags.length, 2);
  });

  it('numbers skill-level certificates by the 22-character rule the catalog checks', () => {
    const number = withSerial(skillNumberPrefix('S000031000123', '2026-12-20', '4'), 42);
    assert.equal(number, 'S000031000123264000042');
    const type = testCatalog().certificateTypesById.get('mohrss.skill-level');
    assert.match(number, new RegExp(type?.numberFormat.pattern ?? 'x'));
    assert.throws(() => withSerial('S000031000123264', 1_000_000));
  });
});

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

describe('serials under concurrency', () => {
  it('gives twenty concurrent issuers twenty distinct serials', async () => {
    const serials = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.transaction().execute((trx) => nextSerial(trx, 'S000031000999264')),
      ),
    );
    assert.deepEqual(
      [...serials].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const sysadmin: Principal = {
  via: 'token',
  userId: null,
  username: 'test',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};

describe('results, 公示, issuance with 一试多证, and the sealed archive', () => {
  it('carries a registration through to certificates the public query finds and that verify', async () => {
    // Shanghai's pack: one 电工四级 exam also issues the 建筑电工 certificate (一试多证).
    const deps = {
      ...t.registry,
      policies: loadPolicyPacks(path.join(projectRoot, 'policies'), testCatalog()),
    };
    const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
    const shAdmin: Principal = { ...sysadmin, role: 'province-admin', province: '310000' };
    const draft = await createDraft(deps, ctx, shAdmin, '310000');
    await updateDraft(deps, ctx, shAdmin, '310000', draft.version, {
      overrides: [],
      correspondence: [],
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
    } as never);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // 会同: the arrangement issues a MOHURD certificate, so MOHURD co-signs before it is published.
    const mohurdAdmin: Principal = {
      ...sysadmin,
      role: 'department-admin',
      department: 'mohurd',
      province: '310000',
    };
    await requestCosignatures(deps, ctx, shAdmin, '310000', draft.version);
    await decideCosignature(deps, ctx, mohurdAdmin, '310000', draft.version, {
      department: 'mohurd',
      outcome: 'signed',
    });
    await publishDraft(deps, ctx, shAdmin, '310000', draft.version, today);

    const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
    const planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
    await t.db
      .updateTable('exam_plans')
      .set({ subjects: JSON.stringify(theoryAndSkills) })
      .where('id', '=', planId)
      .execute();
    const sittingId = await sitting(t, {
      planId,
      institution: inst,
      startsAt: '2026-12-27T09:00:00+08:00',
      endsAt: '2026-12-27T11:00:00+08:00',
      capacity: 10,
    });
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }], '冯十一');
    const reg = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/registrations`,
      headers: { authorization: `Bearer ${c.token}` },
      payload: {
        sittingId,
        declared: { yearsInOccupation: 6 },
        commitment: { accepted: true, version: COMMITMENT.version },
      },
    });
    assert.equal(reg.statusCode, 201, reg.body);
    const registrationId = reg.json().id;
    // The theory attempt, submitted with 78 (the exam page is tested on its own).
    const itemId = newId();
    const paperId = newId();
    await t.db
      .insertInto('bank_items')
      .values({
        id: itemId,
        occupation: '6-31-01-03',
        level: '4',
        knowledge_point: 'k',
        type: 'single',
        status: 'active',
        current_version: 1,
        province: '310000',
        created_by: 't',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    await t.db
      .insertInto('bank_item_versions')
      .values({
        item_id: itemId,
        version: 1,
        stem: '题',
        options: '[]',
        answer: '["A"]',
        rubric: null,
        score: 100,
        difficulty: 0.5,
        created_by: 't',
        created_at: new Date(),
      })
      .execute();
    await t.db
      .insertInto('papers')
      .values({
        id: paperId,
        plan_id: planId,
        form: 'A',
        subject: 'theory',
        blueprint: '{}',
        total_score: 100,
        status: 'locked',
        created_by: 't',
        created_at: new Date(),
      })
      .execute();
    await t.db
      .insertInto('paper_items')
      .values({ paper_id: paperId, position: 1, item_id: itemId, version: 1, score: 100 })
      .execute();
    const attemptId = newId();
    await t.db
      .insertInto('exam_attempts')
      .values({
        id: attemptId,
        registration_id: registrationId,
        paper_id: paperId,
        seed: 's',
        status: 'submitted',
        started_at: new Date(),
        deadline_at: new Date(),
        submitted_at: new Date(),
        score: 78,
      })
      .execute();
    await t.db
      .insertInto('exam_answers')
      .values({ attempt_id: attemptId, item_id: itemId, response: '["A"]', answered_at: new Date() })
      .execute();
    const staff = [];
    for (const name of ['考评员甲', '考评员乙', '考评员丙']) {
      const id = newId();
      await t.db
        .insertInto('exam_staff')
        .values({
          id,
          plan_id: planId,
          sitting_id: sittingId,
          role: 'examiner',
          name,
          employer: '外单位',
          user_id: null,
          created_at: new Date(),
        })
        .execute();
      staff.push(id);
    }
    const operator = {
      authorization: `Bearer ${await t.tokenFor('institution-operator', { institution: inst.id })}`,
    };
    const sheet = (staffId: string, points: number, reason?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/registrations/${registrationId}/practical-scores`,
        headers: operator,
        payload: {
          staffId,
          subject: 'skills',
          criteria: [{ criterion: '接线', points }],
          ...(reason && { reason }),
        },
      });
    for (const [i, id] of staff.entries())
      assert.equal((await sheet(id, [70, 90, 66][i] as number)).statusCode, 200);
    const computed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/results/compute`,
      headers: operator,
    });
    assert.equal(computed.statusCode, 200, computed.body);
    assert.equal(computed.json().items[0].flags[0].code, 'examiner-disagreement');
    // A changed sheet needs a reason and is audited.
    assert.equal((await sheet(staff[1] as string, 74)).statusCode, 400);
    assert.equal((await sheet(staff[1] as string, 74, '复核后更正 corrected on review')).statusCode, 200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'score.change')
      .execute();
    assert.equal(audit.length, 1);
    const recomputed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/results/compute`,
      headers: operator,
    });
    assert.deepEqual(recomputed.json().items[0].flags, []);
    assert.equal(recomputed.json().items[0].passed, true);

    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/results/publish`,
      headers: operator,
      payload: { publicityDays: 5, appealDays: 10 },
    });
    assert.equal(published.statusCode, 200, published.body);
    const tooEarly = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/results/issue`,
      headers: operator,
    });
    assert.deepEqual(tooEarly.json(), { issued: [], waiting: [registrationId] });
    await t.db
      .updateTable('exam_results')
      .set({ publicity_until: new Date(0), appeal_until: new Date(0) })
      .where('registration_id', '=', registrationId)
      .execute();
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/results/issue`,
      headers: operator,
    });
    assert.equal(issued.statusCode, 200, issued.body);
    const [one] = issued.json().issued;
    assert.match(one.number, /^S000031\d{6}264\d{6}$/);
    // 一试多证 (issue 13 item 8): MOHURD is asked for the 建筑电工 certificate; Hutong numbers none of its own.
    assert.deepEqual(one.requested, [{ type: 'mohurd.electrician', status: 'pending' }]);

    // The public query finds the skill-level certificate at once, and no 建筑电工 until MOHURD confirms it; the
    // skill-level certificate verifies as a credential.
    const found = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/certificates/search',
      payload: { name: '冯十一', idNumber: c.idNumber },
    });
    const types = found
      .json()
      .items.filter((i: { kind: string }) => i.kind === 'hosted')
      .map((i: { type: string }) => i.type);
    assert.ok(types.includes('mohrss.skill-level') && !types.includes('mohurd.electrician'), types.join());
    const cert = await t.db
      .selectFrom('certificates')
      .select('id')
      .where('number', '=', one.number)
      .executeTakeFirstOrThrow();
    const credential = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${cert.id}/credential`,
      headers: admin,
    });
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      payload: { credential: credential.json().credential },
    });
    assert.equal(verified.json().verified, true);

    // The archive: sealed, verifiable, tamper-evident; a purge keeps the roster and leaves tombstones.
    const verify = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/plans/${planId}/archive/verify`,
          headers: operator,
        })
      ).json();
    const sealed = await verify();
    assert.equal(sealed.ok, true);
    assert.equal(sealed.records, 3);
    const record = await t.db
      .selectFrom('archive_records')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('position', '=', 1)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('archive_records')
      .set({ content: JSON.stringify({ forged: true }) })
      .where('id', '=', record.id)
      .execute();
    assert.deepEqual((await verify()).problems, [{ position: 1, reason: 'content-changed' }]);
    await t.db
      .updateTable('archive_records')
      .set({ content: JSON.stringify(record.content) })
      .where('id', '=', record.id)
      .execute();
    assert.equal((await verify()).ok, true);
    await t.db
      .updateTable('archive_records')
      .set({ sealed_at: new Date('2019-01-01') })
      .where('plan_id', '=', planId)
      .execute();
    const shToken = { authorization: `Bearer ${await t.tokenFor('province-admin', { province: '310000' })}` };
    const purge = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/archive/purge`,
      headers: shToken,
    });
    assert.deepEqual(purge.json(), { purged: 2, kept: 1 });
    const after = await verify();
    assert.equal(after.ok, true);
    assert.equal(after.purged, 2);
    const kept = await t.db
      .selectFrom('archive_records')
      .select(['retention_class', 'content'])
      .where('plan_id', '=', planId)
      .where('purged_at', 'is', null)
      .execute();
    assert.deepEqual(
      kept.map((k) => k.retention_class),
      ['roster'],
    );
  });
});
