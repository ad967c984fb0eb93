import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditLog } from '../audit/audit.service.ts';
import { holderIndexes } from '../registry/registry.protect.ts';
import { getHolderByIndex } from '../registry/registry.store.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { createTestDatabase } from '../testing/database.ts';
import { blindIndex } from './crypto-profile.ts';
import { migrateCryptoProfile } from './profile-migration.service.ts';
import { deriveHmacKey } from './protection.model.ts';
import { openKeyring } from './protection.service.ts';

const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });
const idOf = (n: number) => {
  const body = `3101011990010${n}777`;
  return body + residentIdCheckChar(body);
};
const people = [1, 2, 3, 4, 5].map((n) => ({
  name: `测试${'甲乙丙丁戊'[n - 1]}`,
  idNumber: idOf(n),
  // Odd: a number that embeds the ID number (sealed); even: a plain one (kept in clear).
  number: n % 2 ? `T${idOf(n)}` : `SAMR-2024-00012${n}`,
  type: n % 2 ? 'mem.lv-electrician' : 'samr.metal-welding',
  issuer: n % 2 ? '上海市应急管理局' : '上海市市场监督管理局',
}));

let t: TestApp;
before(async () => {
  t = await createTestApp();
  const tokens = {
    mem: await t.tokenFor('department-admin', { department: 'mem' }),
    samr: await t.tokenFor('department-admin', { department: 'samr' }),
  };
  for (const p of people) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${p.type.startsWith('mem') ? tokens.mem : tokens.samr}` },
      payload: {
        type: p.type,
        number: p.number,
        holder: { name: p.name, idType: 'resident', idNumber: p.idNumber },
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuer: { region: '310000', organization: p.issuer },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(async () => {
  await t.close();
});

async function publicSearch(body: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/certificates/search',
    payload: body,
  });
  return res.statusCode;
}

async function versions(table: 'holders' | 'certificate_rows') {
  const rows = await sql<{ v: number }>`select index_version as v from ${sql.table(table)}`.execute(t.db);
  return rows.rows.map((r) => Number(r.v)).sort();
}

describe('blind indexes under keys migrate --profile gm (issue 18 §2)', () => {
  it('rebuilds them under HMAC-SM3 in resumable batches; lookups find rows under either version meanwhile', async () => {
    const frozenBefore = t.keyring.protector().index('ticket:code', 'T-1:ABCD');
    assert.equal(t.keyring.protector().indexVersion, 1);
    const mid: number[] = [];
    let stop = true;
    const run = () =>
      migrateCryptoProfile(t.db, t.master, 'gm', ctx(), {
        graceMs: 0,
        batchSize: 2,
        onProgress: (p) => {
          if (!('index' in p)) return;
          if (p.index === 'holders' && p.rebuilt === 2) mid.push(p.rebuilt);
          if (p.index === 'certificate_rows' && stop) {
            stop = false;
            throw new Error('killed');
          }
        },
      });
    // onProgress is synchronous in the service: a thrown error stops the run like a killed process.
    await assert.rejects(run(), /killed/);
    const state = await t.db.selectFrom('crypto_profile').selectAll().executeTakeFirstOrThrow();
    assert.equal(state.profile, 'international');
    assert.equal(state.index_version, 2);
    assert.equal(state.index_fallback_version, 1);
    const progress = state.migration as { indexes: Record<string, { done: number; total: number }> };
    assert.ok((progress.indexes.holders?.done ?? 0) >= people.length);
    assert.equal(progress.indexes.certificate_rows?.done, 2);
    // An administrator sees the progress (read-only API).
    const seen = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/crypto-profile',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    assert.equal(seen.statusCode, 200, seen.body);
    const view = seen.json() as {
      profile: string;
      migration: {
        target: string;
        resealed: { column: string; done: number; total: number }[];
        indexes: { table: string; done: number; total: number; conflicts: number }[];
      };
    };
    assert.equal(view.profile, 'international');
    assert.equal(view.migration.target, 'gm');
    assert.deepEqual(
      view.migration.indexes.find((i) => i.table === 'certificate_rows'),
      { table: 'certificate_rows', done: 2, total: people.length, conflicts: 0 },
    );
    const holders = view.migration.resealed.find((r) => r.column === 'holders.id_cipher');
    assert.ok(holders && holders.done === holders.total && holders.total >= people.length);
    // Mid-migration: certificates are half rebuilt, both versions present, and every lookup still finds its row.
    assert.deepEqual([...new Set(await versions('certificate_rows'))], [1, 2]);
    await t.keyring.refresh();
    const during = t.keyring.protector();
    assert.equal(during.indexVersion, 2);
    for (const p of people) {
      assert.equal(during.indexes(`id:resident`, p.idNumber).length, 2);
      assert.ok(await getHolderByIndex(t.db, holderIndexes(during, 'resident', p.idNumber)), p.name);
      assert.equal(await publicSearch({ name: p.name, idType: 'resident', idNumber: p.idNumber }), 200);
      assert.equal(await publicSearch({ name: p.name, number: p.number }), 200, p.number);
    }
    // The write version alone misses the rows not rebuilt yet: the fallback is what finds them.
    const writeOnly = await t.db
      .selectFrom('certificates')
      .select('id')
      .where(
        'number_index',
        'in',
        people.map((p) => during.index(`number:${p.type}`, p.number)),
      )
      .execute();
    assert.ok(writeOnly.length < people.length);

    const result = await run();
    assert.equal(result.switched, true);
    const done = await t.db.selectFrom('crypto_profile').selectAll().executeTakeFirstOrThrow();
    assert.equal(done.profile, 'gm');
    assert.equal(done.index_fallback_version, null);
    assert.equal(done.migration, null);
    const finished = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/crypto-profile',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    assert.deepEqual(finished.json(), {
      profile: 'gm',
      indexProfile: 'international',
      indexVersion: 2,
      indexFallbackVersion: null,
      migration: null,
    });
    assert.ok((await versions('holders')).every((v) => v === 2));
    assert.ok((await versions('certificate_rows')).every((v) => v === 2));
    await t.keyring.refresh();
    const afterwards = t.keyring.protector();
    const gmKey = deriveHmacKey(t.master, 'gm');
    for (const p of people) {
      assert.deepEqual(afterwards.indexes('id:resident', p.idNumber), [
        blindIndex('gm', gmKey, 'id:resident', p.idNumber),
      ]);
      assert.equal(await publicSearch({ name: p.name, idType: 'resident', idNumber: p.idNumber }), 200);
      assert.equal(await publicSearch({ name: p.name, number: p.number }), 200);
    }
    // A keyed hash that cannot be recomputed (a ticket's lookup code) keeps its algorithm and still verifies.
    assert.equal(afterwards.index('ticket:code', 'T-1:ABCD'), frozenBefore);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'crypto.profile.switch')
      .executeTakeFirstOrThrow();
    assert.ok(JSON.stringify(audit.after).includes('certificate_rows'));
    assert.equal((await verifyAuditLog(t.db)).ok, true);
    assert.equal(mid.length, 1);
  });
});

describe('a person written twice during the rebuild window', () => {
  it('is reported as a conflict, keeps its old version, and stays findable under it', async () => {
    const handle = await createTestDatabase();
    try {
      const master = randomBytes(32);
      const keyring = await openKeyring(handle.db, master, 0);
      const intl = keyring.protector();
      const idNumber = idOf(9);
      const holder = (id: string, index: string, version: number) =>
        handle.db
          .insertInto('holders')
          .values({
            id,
            id_type: 'resident',
            id_index: index,
            index_version: version,
            id_cipher: intl.encrypt(idNumber),
            id_masked: '****',
            name: '重复',
            created_at: new Date(),
            updated_at: new Date(),
          })
          .execute();
      const old = randomUUID();
      await holder(old, intl.index('id:resident', idNumber), 1);
      // Another writer already stored the same person under the new version (as one does during the window).
      await holder(randomUUID(), blindIndex('gm', deriveHmacKey(master, 'gm'), 'id:resident', idNumber), 2);
      const result = await migrateCryptoProfile(handle.db, master, 'gm', ctx(), { graceMs: 0 });
      assert.equal(result.switched, true);
      const row = await handle.db.selectFrom('crypto_profile').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.index_fallback_version, 1, 'lookups keep matching the old version');
      const audit = await handle.db
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'crypto.profile.switch')
        .executeTakeFirstOrThrow();
      const after = audit.after as { indexes: Record<string, { conflicts: string[] }> };
      assert.deepEqual(after.indexes.holders?.conflicts, [old]);
      await keyring.refresh();
      const both = await getHolderByIndex(
        handle.db,
        holderIndexes(keyring.protector(), 'resident', idNumber),
      );
      assert.ok(both);
      const all = await handle.db
        .selectFrom('holders')
        .select('id')
        .where('id_index', 'in', keyring.protector().indexes('id:resident', idNumber))
        .execute();
      assert.equal(all.length, 2);
      keyring.close();
    } finally {
      await handle.close();
    }
  });
});
