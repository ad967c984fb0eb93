import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { verifyAuditLog } from '../audit/audit.service.ts';
import { appendAudit } from '../audit/audit.store.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/database.ts';
import { parseSealed } from './crypto-profile.ts';
import { migrateCryptoProfile } from './profile-migration.service.ts';
import { openKeyring } from './protection.service.ts';

const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });

describe('hutong keys migrate --profile gm (issue 18 §2)', () => {
  let handle: DatabaseHandle;
  const master = randomBytes(32);
  const ids = ['11010519491231002X', '440524188001010014', '34052419800101001X', '31010119900307123X'];
  before(async () => {
    handle = await createTestDatabase();
  });
  after(async () => {
    await handle.close();
  });

  it('re-seals under SM4, keeps lookups, switches the chain to SM3 and verifies across the switch', async () => {
    const keyring = await openKeyring(handle.db, master, 0);
    const p = keyring.protector();
    assert.equal(p.profile, 'international');
    const indexBefore = p.index('id:resident', ids[0] ?? '');
    for (const id of ids)
      await handle.db
        .insertInto('holders')
        .values({
          id: randomUUID(),
          id_type: 'resident',
          id_index: p.index('id:resident', id),
          id_cipher: p.encrypt(id),
          id_masked: '****',
          name: '张三',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    await handle.db
      .transaction()
      .execute((trx) => appendAudit(trx, ctx(), { action: 'before.switch', targetType: 't', targetId: '1' }));
    const progress: number[] = [];
    const result = await migrateCryptoProfile(handle.db, master, 'gm', ctx(), {
      graceMs: 0,
      batchSize: 3,
      onProgress: (x) => {
        if ('resealed' in x) progress.push(x.resealed);
      },
    });
    assert.equal(result.switched, true);
    assert.equal(result.resealed, ids.length);
    assert.deepEqual(progress, [3, 4]);
    const rows = await handle.db.selectFrom('holders').select(['id_cipher', 'id_index']).execute();
    assert.ok(rows.every((r) => parseSealed(r.id_cipher).algorithm === 'sm4-ctr-hmac-sm3'));
    await keyring.refresh();
    const after = keyring.protector();
    assert.equal(after.profile, 'gm');
    assert.deepEqual(rows.map((r) => after.decrypt(r.id_cipher)).sort(), [...ids].sort());
    // The blind indexes are rebuilt under HMAC-SM3 (index-rebuild.test.ts); keyed hashes that cannot be
    // recomputed keep the original algorithm.
    assert.notEqual(after.index('id:resident', ids[0] ?? ''), indexBefore);
    assert.equal(after.indexVersion, 2);
    assert.equal(after.index('ticket:code', 'x'), p.index('ticket:code', 'x'));
    const found = await handle.db
      .selectFrom('holders')
      .select('id')
      .where('id_index', '=', after.index('id:resident', ids[0] ?? ''))
      .execute();
    assert.equal(found.length, 1);
    const profile = await handle.db.selectFrom('crypto_profile').selectAll().executeTakeFirstOrThrow();
    assert.equal(profile.profile, 'gm');
    assert.equal(profile.index_profile, 'international');
    assert.equal(profile.index_version, 2);
    assert.equal(profile.migration, null);
    const audit = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'hash_alg'])
      .orderBy('position')
      .execute();
    assert.deepEqual(audit.slice(-3), [
      { action: 'before.switch', hash_alg: 'sha256' },
      { action: 'crypto.profile.migrate.start', hash_alg: 'sha256' },
      { action: 'crypto.profile.switch', hash_alg: 'sm3' },
    ]);
    assert.equal((await verifyAuditLog(handle.db)).ok, true);
    // Running it again is a no-op; starting a server with the old profile now fails.
    assert.equal(
      (await migrateCryptoProfile(handle.db, master, 'gm', ctx(), { graceMs: 0 })).switched,
      false,
    );
    await assert.rejects(openKeyring(handle.db, master, 0, { profile: 'international' }));
    keyring.close();
  });
});
