import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { createProtector, deriveHmacKey, keyIdOf, maskIdNumber } from './protection.model.ts';
import { openKeyring, rotateDataKey } from './protection.service.ts';

describe('protector (pure)', () => {
  const keys = new Map([
    ['k1', randomBytes(32)],
    ['k2', randomBytes(32)],
  ]);
  const p = createProtector(deriveHmacKey(randomBytes(32)), keys, 'k1');

  it('round-trips and uses a fresh IV each time', () => {
    const a = p.encrypt('11010519491231002X');
    const b = p.encrypt('11010519491231002X');
    assert.notEqual(a, b);
    assert.equal(p.decrypt(a), '11010519491231002X');
    assert.equal(keyIdOf(a), 'k1');
    assert.ok(!a.includes('11010519491231002X'));
  });

  it('refuses a tampered ciphertext and one moved under another key id', () => {
    const sealed = p.encrypt('11010519491231002X');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    assert.throws(() => p.decrypt(`k1.${raw.toString('base64url')}`));
    assert.throws(() => p.decrypt(sealed.replace(/^k1\./, 'k2.')));
  });

  it('gives a stable, domain-separated blind index', () => {
    assert.equal(p.index('id:resident', 'A'), p.index('id:resident', 'A'));
    assert.notEqual(p.index('id:resident', 'A'), p.index('id:passport', 'A'));
  });

  it('masks as 3101**********123X', () => {
    assert.equal(maskIdNumber('31010119900307123X'), '3101**********123X');
    assert.equal(maskIdNumber('E12345678'), '******678');
  });
});

describe('key rotation', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('re-encrypts every sealed value under the new key, keeps them readable, retires the old key', async () => {
    const master = t.master;
    const keyring = await openKeyring(t.db, master, 0);
    const oldKey = keyring.protector().currentKeyId;
    // Seal a few values under the first key, as the registry does.
    const ids = ['11010519491231002X', '440524188001010014', '34052419800101001X'];
    for (const [i, id] of ids.entries()) {
      await t.db
        .insertInto('holders')
        .values({
          id: crypto.randomUUID(),
          id_type: 'resident',
          id_index: keyring.protector().index('id:resident', id),
          id_cipher: keyring.protector().encrypt(id),
          id_masked: maskIdNumber(id),
          name: `持证人${'甲乙丙'[i]}`,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    }
    const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
    const result = await rotateDataKey(t.db, master, ctx, { graceMs: 0, batchSize: 2 });
    assert.notEqual(result.newKeyId, oldKey);
    assert.ok(result.reencrypted >= 3);
    const rows = await t.db.selectFrom('holders').select(['id_cipher', 'id_index']).execute();
    await keyring.refresh();
    const protector = keyring.protector();
    assert.equal(protector.currentKeyId, result.newKeyId);
    const opened = rows
      .filter((r) => r.id_cipher.startsWith(`${result.newKeyId}.`))
      .map((r) => protector.decrypt(r.id_cipher));
    for (const id of ids) assert.ok(opened.includes(id));
    assert.ok(
      rows.every((r) => keyIdOf(r.id_cipher) === result.newKeyId),
      'no value left under the old key',
    );
    // The blind index does not change, so lookups work during and after the rotation.
    assert.ok(rows.some((r) => r.id_index === protector.index('id:resident', ids[0] as string)));
    const keys = await t.db.selectFrom('data_keys').select(['id', 'retired_at']).execute();
    assert.ok(keys.find((k) => k.id === oldKey)?.retired_at, 'the old key is retired');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'keys.rotate%')
      .execute();
    assert.equal(audit.length, 2);
    keyring.close();
  });
});
