import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DepartmentDouble,
  LINKED_SOURCE,
  passedCandidate,
  setUpJointIssuance,
  startDepartmentDouble,
} from '../sources/outbox.test-helpers.ts';
import { bearer } from '../sources/sources.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { listJobs } from './jobs.store.ts';

/**
 * The 一试多证 outbox and the warning rules as periodic jobs (issue 16 §2), in an app whose intervals are on (the
 * other suites turn them off and call `runOnce`): an issued certificate's request reaches the department's system,
 * and the rules read the exam events, each through a completed job of its queue.
 */
const SECRET = 'department-shared-secret-0123456789abcdef';
let t: TestApp;
let double: DepartmentDouble;

before(async () => {
  t = await createTestApp({
    env: { HUTONG_OUTBOX_INTERVAL_MS: '300', HUTONG_SUPERVISION_INTERVAL_MS: '300' },
  });
  double = await startDepartmentDouble(SECRET);
});
after(async () => {
  await t?.close();
  await double?.close();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await sleep(100);
  }
  throw new Error(`waited 30 s for ${what}`);
}

async function completed(queue: string) {
  const list = await listJobs(t.db, { queue, state: 'completed', page: 1, pageSize: 5 });
  return list.total > 0 ? list : undefined;
}

describe('periodic jobs in a running app (issue 16 §2)', () => {
  it('delivers an issuance request through the outbox job and runs the warning rules as a job', async () => {
    const setup = await setUpJointIssuance(t);
    const endpoint = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${LINKED_SOURCE}/issuance-endpoint`,
      headers: bearer(TEST_ADMIN_TOKEN),
      payload: { url: double.url, secret: SECRET },
    });
    assert.equal(endpoint.statusCode, 200, endpoint.body);
    const c = await passedCandidate(t, setup, '周期');
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${setup.planId}/results/issue`,
      headers: bearer(TEST_ADMIN_TOKEN),
    });
    assert.equal(issued.statusCode, 200, issued.body);

    const delivered = await until('the request to be delivered', async () => {
      const row = await t.db
        .selectFrom('issuance_requests')
        .select(['status', 'attempts'])
        .where('registration_id', '=', c.registrationId)
        .executeTakeFirst();
      return row && row.status !== 'pending' ? row : undefined;
    });
    assert.equal(delivered.status, 'delivered', JSON.stringify(delivered));
    assert.equal(double.received.length, 1, 'the department received it once');
    assert.ok(await until('a completed outbox job', () => completed('outbox-delivery')));

    const lastEvent = await t.db
      .selectFrom('exam_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    await until('the warning rules to read every event', async () => {
      const cursor = await t.db
        .selectFrom('supervision_cursors')
        .select('last_event_id')
        .where('name', '=', 'warnings')
        .executeTakeFirst();
      return cursor && Number(cursor.last_event_id) >= Number(lastEvent.max) ? cursor : undefined;
    });
    assert.ok(await until('a completed rules job', () => completed('supervision-rules')));
  });
});
