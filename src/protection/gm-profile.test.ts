import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditLog } from '../audit/audit.service.ts';
import { appendAudit } from '../audit/audit.store.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { seal as sealArchive, verifyArchive } from '../exams/archive.ts';
import { createTestDatabase } from '../testing/database.ts';
import { parseSealed } from './crypto-profile.ts';
import { openKeyring, rotateDataKey } from './protection.service.ts';

const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });

describe('国密 profile on a fresh install (issue 18)', () => {
  let handle: DatabaseHandle;
  const master = randomBytes(32);
  before(async () => {
    handle = await createTestDatabase();
  });
  after(async () => {
    await handle.close();
  });

  it('records gm at install and seals, wraps and indexes with SM4/HMAC-SM3', async () => {
    const keyring = await openKeyring(handle.db, master, 0, { profile: 'gm' });
    const p = keyring.protector();
    assert.equal(p.profile, 'gm');
    const row = await handle.db.selectFrom('crypto_profile').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.profile, 'gm');
    const sealed = p.encrypt('11010519491231002X');
    assert.equal(parseSealed(sealed).algorithm, 'sm4-ctr-hmac-sm3');
    assert.equal(p.decrypt(sealed), '11010519491231002X');
    const keys = await handle.db.selectFrom('data_keys').select('wrapped').execute();
    assert.ok(keys.every((k) => parseSealed(k.wrapped).algorithm === 'sm4-ctr-hmac-sm3'));
    // The same master key under the international profile would give another index: the profile is in use.
    assert.equal(p.index('id:resident', 'A'), p.index('id:resident', 'A'));
    keyring.close();
  });

  it('refuses to start under another profile than the recorded one', async () => {
    await assert.rejects(openKeyring(handle.db, master, 0, { profile: 'international' }), /keys migrate/);
    const keyring = await openKeyring(handle.db, master, 0);
    assert.equal(keyring.protector().profile, 'gm');
    keyring.close();
  });

  it('rotates data keys within the profile', async () => {
    const keyring = await openKeyring(handle.db, master, 0);
    const id = randomUUID();
    const p = keyring.protector();
    await handle.db
      .insertInto('holders')
      .values({
        id,
        id_type: 'resident',
        id_index: p.index('id:resident', '11010519491231002X'),
        id_cipher: p.encrypt('11010519491231002X'),
        id_masked: '1101**********002X',
        name: '张三',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    const { newKeyId } = await rotateDataKey(handle.db, master, ctx(), { graceMs: 0 });
    const after = await handle.db
      .selectFrom('holders')
      .select(['id_cipher', 'index_version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.match(after.id_cipher, new RegExp(`^${newKeyId}\\.sm4\\.`));
    // A fresh gm install labels its blind indexes HMAC-SM3 (the column default set at install, issue 18).
    assert.equal(after.index_version, 2);
    assert.equal(p.indexVersion, 2);
    await keyring.refresh();
    assert.equal(keyring.protector().decrypt(after.id_cipher), '11010519491231002X');
    keyring.close();
  });

  it('chains the audit log with SM3 and verifies it; an edited SM3 link is named', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx(), [
        { action: 'gm.one', targetType: 't', targetId: '1', after: { a: 1 } },
        { action: 'gm.two', targetType: 't', targetId: '2' },
      ]);
    });
    const rows = await handle.db.selectFrom('audit_log').select(['hash_alg', 'hash']).execute();
    assert.ok(rows.length >= 2);
    assert.ok(rows.every((r) => r.hash_alg === 'sm3'));
    assert.deepEqual(await verifyAuditLog(handle.db).then((v) => v.ok), true);
    await sql`update audit_log set action = 'gm.forged' where action = 'gm.two'`.execute(handle.db);
    const broken = await verifyAuditLog(handle.db);
    assert.equal(broken.ok, false);
    assert.equal(broken.problem?.kind, 'edited');
    await sql`update audit_log set action = 'gm.two' where action = 'gm.forged'`.execute(handle.db);
  });

  it('verifies a chain that switched from SHA-256 to SM3 link by link', async () => {
    await sql`update crypto_profile set profile = 'international'`.execute(handle.db);
    await handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx(), { action: 'intl.one', targetType: 't', targetId: '3' });
    });
    await sql`update crypto_profile set profile = 'gm'`.execute(handle.db);
    await handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx(), { action: 'gm.three', targetType: 't', targetId: '4' });
    });
    const algs = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'hash_alg'])
      .orderBy('position')
      .execute();
    assert.deepEqual(
      algs.slice(-2).map((r) => r.hash_alg),
      ['sha256', 'sm3'],
    );
    assert.equal((await verifyAuditLog(handle.db)).ok, true);
    // Relabelling an SM3 link as SHA-256 breaks it.
    await sql`update audit_log set hash_alg = 'sha256' where action = 'gm.three'`.execute(handle.db);
    assert.equal((await verifyAuditLog(handle.db)).ok, false);
    await sql`update audit_log set hash_alg = 'sm3' where action = 'gm.three'`.execute(handle.db);
  });

  it('chains archive records with SM3 and names a changed one', async () => {
    const planId = randomUUID();
    await handle.db.transaction().execute(async (trx) => {
      // The archive's plan is not what this test is about: skip the foreign key to exam_plans.
      await sql`set local session_replication_role = replica`.execute(trx);
      for (let i = 0; i < 3; i++)
        await sealArchive(
          trx,
          planId,
          { registrationId: null, retention: 'roster', content: { i } },
          new Date(),
        );
    });
    const rows = await handle.db
      .selectFrom('archive_records')
      .select('hash_alg')
      .where('plan_id', '=', planId)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.hash_alg),
      ['sm3', 'sm3', 'sm3'],
    );
    assert.equal((await verifyArchive(handle.db, planId)).ok, true);
    await sql`update archive_records set content = '{"i": 9}' where plan_id = ${planId} and position = 2`.execute(
      handle.db,
    );
    assert.deepEqual((await verifyArchive(handle.db, planId)).problems, [
      { position: 2, reason: 'content-changed' },
    ]);
  });
});
