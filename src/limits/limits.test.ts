import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/database.ts';
import { createMemoryCounters } from './limits.memory.ts';
import type { SharedCounters } from './limits.model.ts';
import { createPostgresCounters } from './limits.store.ts';

/**
 * The shared counters (issue 16 §4) behave the same in memory and in the database: fixed windows that restart once
 * ended, ids spent once until they expire. The database implementation is plain SQL, so it runs on PGlite too; two
 * counters over one database stand for two API processes.
 */
let handle: DatabaseHandle;
before(async () => {
  handle = await createTestDatabase();
});
after(async () => {
  await handle?.close();
});

function behaves(name: string, make: () => [SharedCounters, SharedCounters]) {
  describe(name, () => {
    it('counts hits in a fixed window, for every holder of the counters', async () => {
      const [a, b] = make();
      assert.deepEqual(await a.hit('k', 1000, 0), { count: 1, resetAt: 1000 });
      assert.deepEqual(await b.hit('k', 1000, 10), { count: 2, resetAt: 1000 });
      assert.deepEqual(await a.hit('other', 1000, 20), { count: 1, resetAt: 1020 });
      assert.deepEqual(await b.hit('k', 1000, 999), { count: 3, resetAt: 1000 });
      assert.deepEqual(await a.hit('k', 1000, 1000), { count: 1, resetAt: 2000 }, 'a new window');
    });

    it('spends an id once until it expires', async () => {
      const [a, b] = make();
      assert.equal(await a.spend('c1', 5000, 0), true);
      assert.equal(await b.spend('c1', 5000, 10), false);
      assert.equal(await a.spend('c1', 5000, 4999), false);
      assert.equal(await b.spend('c2', 5000, 10), true);
    });

    it('gives concurrent hits of a key each its own count, as many as there were', async () => {
      const [a, b] = make();
      const hits = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hit(i % 3 ? 'busy' : 'quiet', 60_000, 5000)),
      );
      const busy = hits.filter((_, i) => i % 3).map((h) => h.count);
      const quiet = hits.filter((_, i) => !(i % 3)).map((h) => h.count);
      assert.deepEqual(
        busy.sort((x, y) => x - y),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      assert.deepEqual(
        quiet.sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      assert.ok(hits.every((h) => h.resetAt === 65_000));
    });

    it('takes batches sharing keys in any order side by side without a deadlock', async () => {
      const [a, b] = make();
      // Each round, two counters hit the same keys in opposite orders at once (on PostgreSQL: concurrent batches).
      for (let round = 0; round < 8; round++) {
        const keys = Array.from({ length: 400 }, (_, i) => `${i === 0 ? 'x' : `k${i}-`}${round % 4}`);
        await Promise.all([
          ...keys.map((k) => a.hit(k, 60_000, 7000)),
          ...[...keys].reverse().map((k) => b.hit(k, 60_000, 7000)),
        ]);
      }
      assert.equal((await a.hit('x0', 60_000, 7000)).count, 5);
    });
  });
}

const shared = createMemoryCounters();
behaves('memory counters (one process)', () => [shared, shared]);
behaves('database counters (two processes over one database)', () => [
  createPostgresCounters(handle.db),
  createPostgresCounters(handle.db),
]);

describe('memory counters stay bounded', () => {
  it('forget the least recently used key first', async () => {
    const c = createMemoryCounters(2);
    await c.hit('a', 1000, 0);
    await c.hit('b', 1000, 0);
    await c.hit('a', 1000, 1);
    await c.hit('c', 1000, 2); // evicts b, the least recently used
    assert.equal((await c.hit('a', 1000, 3)).count, 3);
    assert.equal((await c.hit('b', 1000, 3)).count, 1);
  });
});
