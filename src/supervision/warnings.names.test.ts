import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { institution, plan, sitting } from '../exams/exams.test-helpers.ts';
import { newId } from '../shared/ids.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { addRegistration } from './live.test-helpers.ts';

/**
 * Issue 15 item 4: a warning's evidence names people and institutions. The route answers the stored evidence (its
 * ids unchanged) with a reference per id: the candidate's name and masked ID number, the institution, plan,
 * sitting and paper by name.
 */
let t: TestApp;
let token: string;
const ids: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  token = await t.tokenFor('supervisor', { province: '310000' });
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  ids.institution = inst.id;
  ids.plan = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  ids.sitting = await sitting(t, {
    planId: ids.plan,
    institution: inst,
    startsAt: '2026-12-01T09:00:00+08:00',
    endsAt: '2026-12-01T11:00:00+08:00',
    capacity: 30,
  });
  const where = { planId: ids.plan, sittingId: ids.sitting, institutionId: inst.id, province: '310000' };
  ids.copier = await addRegistration(t, where);
  ids.source = await addRegistration(t, where);
  ids.paper = newId();
  await t.db
    .insertInto('papers')
    .values({
      id: ids.paper,
      plan_id: ids.plan,
      form: 'A卷',
      subject: 'theory',
      blueprint: '{}',
      total_score: 100,
      status: 'locked',
      created_by: 'test',
      created_at: new Date(),
    })
    .execute();
  // The evidence as integrity.answer-copying stores it (warnings.integrity-rules.ts).
  ids.warning = newId();
  await t.db
    .insertInto('warnings')
    .values({
      id: ids.warning,
      rule: 'integrity.answer-copying',
      rules_version: 'test',
      severity: 'high',
      status: 'created',
      fingerprint: `names-${ids.warning}`,
      institution_id: inst.id,
      plan_id: ids.plan,
      sitting_id: ids.sitting,
      province: '310000',
      occupation: '6-31-01-03',
      review_level: 'province',
      summary: '同一考场两份答卷雷同',
      evidence: JSON.stringify({ copier: ids.copier, source: ids.source, paper: ids.paper, roomSize: 2 }),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
});
after(() => t.close());

interface Reference {
  id: string;
  kind: string;
  name: string;
  detail: string | null;
  at: string | null;
}

async function get(url: string) {
  const res = await t.app.inject({ url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

function assertNamed(refs: Reference[]) {
  const byId = new Map(refs.map((r) => [r.id, r]));
  const copier = byId.get(ids.copier as string);
  assert.equal(copier?.kind, 'candidate');
  assert.match(copier?.name ?? '', /^考生\d+$/);
  assert.equal(copier?.detail, '****', 'the masked ID number, never the full one');
  assert.equal(byId.get(ids.source as string)?.kind, 'candidate');
  assert.deepEqual(
    { kind: byId.get(ids.paper as string)?.kind, name: byId.get(ids.paper as string)?.name },
    { kind: 'paper', name: 'A卷' },
  );
  assert.equal(byId.get(ids.institution as string)?.kind, 'institution');
  assert.ok(byId.get(ids.institution as string)?.name, 'the institution by name');
  assert.equal(byId.get(ids.plan as string)?.kind, 'plan');
  const sittingRef = byId.get(ids.sitting as string);
  assert.equal(sittingRef?.kind, 'sitting');
  assert.equal(sittingRef?.at, '2026-12-01T01:00:00.000Z');
  assert.equal(refs.length, 6, 'one reference per id, no more');
}

describe('warning references (issue 15 item 4)', () => {
  it('names every id of the detail: candidates, paper, institution, plan, sitting', async () => {
    const w = await get(`/warnings/${ids.warning}`);
    assert.deepEqual(w.evidence.copier, ids.copier, 'the stored evidence is unchanged');
    assertNamed(w.references);
  });

  it('names them in the list too', async () => {
    const page = await get(`/warnings?plan=${ids.plan}`);
    const w = page.items.find((x: { id: string }) => x.id === ids.warning);
    assert.ok(w, JSON.stringify(page));
    assertNamed(w.references);
  });
});
