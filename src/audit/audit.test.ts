import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/database.ts';
import { verifyAuditLog } from './audit.service.ts';
import { appendAudit } from './audit.store.ts';

let handle: DatabaseHandle;
before(async () => {
  handle = await createTestDatabase();
});
after(async () => {
  await handle.close();
});

const ctx = () => ({ actorId: 'u1', actorLabel: 'tester', requestId: 'req-1', at: new Date() });

describe('audit log on the database', () => {
  it('appends in the caller’s transaction and rolls back with it', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx(), [
        {
          action: 'a.one',
          targetType: 't',
          targetId: '1',
          after: { 名字: '张三', n: 1, nested: { z: 1, a: [1, 2] } },
        },
        { action: 'a.two', targetType: 't', targetId: '2', before: { x: null }, after: { x: 1.5 } },
      ]);
    });
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await appendAudit(trx, ctx(), { action: 'a.never', targetType: 't', targetId: '3' });
        throw new Error('rolled back');
      }),
    );
    await handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx(), { action: 'a.three', targetType: 't', targetId: '3' });
    });
    const rows = await handle.db
      .selectFrom('audit_log')
      .select(['position', 'action'])
      .orderBy('position')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.position, r.action]),
      [
        [1, 'a.one'],
        [2, 'a.two'],
        [3, 'a.three'],
      ],
    );
    const result = await verifyAuditLog(handle.db, 2);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.checked, 3);
  });

  it('keeps positions gap-free under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        handle.db
          .transaction()
          .execute((trx) => appendAudit(trx, ctx(), { action: 'c', targetType: 't', targetId: `${i}` })),
      ),
    );
    const result = await verifyAuditLog(handle.db);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.checked, 11);
  });

  it('names the row edited by hand in SQL', async () => {
    await sql`update audit_log set after = '{"名字": "李四"}'::jsonb where position = 2`.execute(handle.db);
    const result = await verifyAuditLog(handle.db);
    assert.equal(result.ok, false);
    assert.equal(result.problem?.position, 2);
    assert.equal(result.problem?.kind, 'edited');
    assert.equal(result.checked, 1);
  });

  it('names the row after one removed by hand', async () => {
    await sql`delete from audit_log where position in (1, 2)`.execute(handle.db);
    const result = await verifyAuditLog(handle.db);
    assert.equal(result.problem?.position, 3);
    assert.equal(result.problem?.kind, 'removed');
  });
});
