/**
 * The server side of the public query bench (issue 5 §10), in its own process so its RSS is the server's: a fresh
 * PostgreSQL database with N people holding one to three certificates each (ID numbers sealed and blind-indexed as
 * the registry does), and Hutong listening on it. Prints one JSON line with the port, the compiled SQL of the
 * service's lookup and a sample of people; on any input on stdin it stops and prints its peak RSS.
 * The proof-of-work is off for the run: it costs the client, not the server (one SHA-256 to check).
 *
 *   node --import tsx bench/query-child.ts <people> <postgres-admin-url>
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig } from '../src/config.ts';
import { generateSigningKey, registerSigningKey } from '../src/credentials/keys.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { hostedCertificates } from '../src/query/query.service.ts';
import { holderIndex, maskNumber } from '../src/registry/registry.protect.ts';
import { systemClock } from '../src/shared/clock.ts';
import { residentIdCheckChar } from '../src/shared/identifiers.ts';
import { createScratchPostgres } from '../src/testing/database.ts';

const [peopleArg, adminUrl] = process.argv.slice(2);
const people = Number(peopleArg);
if (!Number.isInteger(people) || people <= 0 || !adminUrl) throw new Error('usage: query-child.ts N URL');

const POOL = 10;
const TYPES = ['mem.lv-electrician', 'mem.fusion-welding', 'samr.metal-welding'];

/** Distinct valid resident ID numbers: a birth date per thousand, a sequence number within it. */
function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const seventeen = `310101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
  return seventeen + residentIdCheckChar(seventeen);
}

async function main() {
  const scratch = await createScratchPostgres(adminUrl as string, 'hutong_query');
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: POOL });
  try {
    await migrateToLatest(handle.db);
    const catalog = loadCatalog(loadConfig({}).catalogDir);
    const keyring = await openKeyring(handle.db, randomBytes(32), 0);
    const protector = keyring.protector();
    const persons: { name: string; idNumber: string; index: string }[] = [];
    for (let i = 0; persons.length < people; i++) {
      const idNumber = idNumberOf(i);
      persons.push({
        name: `${'赵钱孙李周吴郑王冯陈'[i % 10]}${'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'[i % 20]}`,
        idNumber,
        index: holderIndex(protector, 'resident', idNumber),
      });
    }
    const now = new Date();
    for (let start = 0; start < persons.length; start += 2000) {
      const batch = persons.slice(start, start + 2000);
      const holders = batch.map((p, k) => ({
        id: crypto.randomUUID(),
        id_type: 'resident',
        id_index: p.index,
        id_cipher: protector.encrypt(p.idNumber),
        id_masked: maskNumber(p.idNumber),
        name: p.name,
        created_at: now,
        updated_at: now,
        k: start + k,
      }));
      await handle.db
        .insertInto('holders')
        .values(holders.map(({ k: _k, ...h }) => h))
        .execute();
      const certificates = holders.flatMap((h) =>
        TYPES.slice(0, 1 + (h.k % 3)).map((type) => ({
          id: crypto.randomUUID(),
          type,
          department: type.split('.')[0] as string,
          number: `N${h.k}-${type}`,
          number_index: protector.index('bench', `${h.k}-${type}`),
          number_cipher: null,
          number_masked: `N${h.k}`,
          holder_id: h.id,
          valid_from: '2024-03-01',
          valid_until: '2030-02-28',
          status: 'valid',
          issuer_region: '310000',
          issuer_org: '发证机关',
          created_at: now,
          updated_at: now,
        })),
      );
      await handle.db.insertInto('certificates').values(certificates).execute();
    }
    await sql`analyze`.execute(handle.db);

    // The anchor's SQL: the service's own lookup, compiled.
    const compiled = hostedCertificates(handle.db)
      .where('h.id_index', '=', 'x')
      .orderBy('c.valid_from')
      .compile();
    const signing = await generateSigningKey();
    await registerSigningKey(handle.db, signing, now);
    const app = await buildApp({
      config: loadConfig({
        HUTONG_LOG_LEVEL: 'silent',
        HUTONG_PUBLIC_POW_BITS: '0',
        HUTONG_PUBLIC_RATE_LIMIT: '100000000',
        HUTONG_PUBLIC_IDENTIFIER_LIMIT: '100000000',
      }),
      db: handle.db,
      engine: handle.engine,
      catalog,
      clock: systemClock,
      keyring,
      bulk: handle.bulk,
      signing,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('no address');
    // The driver (bench/query.ts) runs the load from its own process; this process is the server alone.
    process.stdout.write(
      `${JSON.stringify({ ready: true, port: address.port, url: scratch.url, sql: compiled.sql, pool: POOL, persons: persons.slice(0, 5000) })}\n`,
    );
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
    process.stdin.destroy();
    await app.close();
    process.stdout.write(`${JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    await handle.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
