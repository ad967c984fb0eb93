/**
 * Simulation throughput (issue 4 §7), in its own process: a registry of N holders (two certificates each) made with
 * SQL on a fresh PostgreSQL database, a provincial draft that denies one national exemption and adds one 对应目录
 * row, then `simulateDraft` over the whole registry; the anchor is the same keyset scan of holders and their
 * certificates without evaluating. Prints one JSON line.
 *
 *   node --import tsx bench/simulation-child.ts <holders> <postgres-admin-url>
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig, projectRoot } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { holderBatches, simulateDraft } from '../src/recognition/policy.simulate.ts';
import { loadPolicyPacks } from '../src/recognition/recognition.load.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createScratchPostgres } from '../src/testing/database.ts';
import { benchAdmin, createBenchDraft } from './simulation-draft.ts';

const [holdersArg, adminUrl] = process.argv.slice(2);
const holders = Number(holdersArg);
if (!Number.isInteger(holders) || holders <= 0 || !adminUrl)
  throw new Error('usage: simulation-child.ts N URL');

async function main() {
  const scratch = await createScratchPostgres(adminUrl as string, 'hutong_sim');
  const handle = await openDatabase({ databaseUrl: scratch.url });
  try {
    await migrateToLatest(handle.db);
    const catalog = loadCatalog(loadConfig({}).catalogDir);
    const clock = fixedClock('2026-11-29T02:00:00Z');
    const deps = {
      db: handle.db,
      catalog,
      keyring: await openKeyring(handle.db, randomBytes(32), 0),
      clock,
      bulk: handle.bulk,
      policies: loadPolicyPacks(path.join(projectRoot, 'policies'), catalog),
    };
    await sql`insert into holders (id, id_type, id_index, id_cipher, id_masked, name, created_at, updated_at)
      select gen_random_uuid(), 'resident', md5(i::text), 'k.x', '3101**********000X', '持证人', now(), now()
      from generate_series(1, ${holders}) i`.execute(handle.db);
    const types = [
      'mem.lv-electrician',
      'mem.fusion-welding',
      'mem.hv-electrician',
      'samr.metal-welding',
      'mohurd.electrician',
    ];
    await sql`insert into certificates (id, type, department, number, number_index, number_cipher, number_masked,
        holder_id, valid_from, valid_until, status, issuer_region, issuer_org, created_at, updated_at)
      select gen_random_uuid(), t.type, split_part(t.type, '.', 1), null, md5(h.id::text || t.type), null, 'N',
        h.id, date '2024-03-01', date '2030-02-28', 'valid', (array['310000','320000','440000'])[1 + (abs(hashtext(h.id::text)) % 3)],
        '发证机关', now(), now()
      from holders h
      cross join lateral (select ${sql.val(types)}::text[] as a) x
      cross join lateral (select x.a[1 + (abs(hashtext(h.id::text || k::text)) % 5)] as type from generate_series(1, 2) k) t
      on conflict do nothing`.execute(handle.db);
    await sql`analyze`.execute(handle.db);
    const ctx = { actorId: null, actorLabel: 'bench', requestId: null, at: clock.now() };
    const version = await createBenchDraft(deps, ctx);

    // Anchor: the same scan, without evaluating.
    let t0 = performance.now();
    let scanned = 0;
    for await (const { batch } of holderBatches(handle.db)) scanned += batch.length;
    const scanSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const result = await simulateDraft(deps, benchAdmin, '310000', version);
    const simSeconds = (performance.now() - t0) / 1000;
    process.stdout.write(
      `${JSON.stringify({ holders: result.holders, changed: result.changed, scanned, simSeconds, scanSeconds, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
    );
  } finally {
    await handle.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
