/**
 * The server side of the public query bench (issue 5 §10), alone in its process so its RSS is the server's:
 * Hutong on the database bench/query.ts seeded, with the proof-of-work off (it costs the client, not the server:
 * one SHA-256 to check) and the public limits raised. Prints `{"port"}` when listening; on any input on stdin it
 * stops and prints its peak RSS.
 *
 *   node --import tsx bench/query-child.ts <database-url> <master-key-hex>
 */
import { buildApp } from '../src/app.ts';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig } from '../src/config.ts';
import { generateSigningKey, registerSigningKey } from '../src/credentials/keys.ts';
import { openDatabase } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { POOL } from './query-seed.ts';

const [url, masterHex] = process.argv.slice(2);
if (!url || !masterHex) throw new Error('usage: query-child.ts URL MASTER_HEX');

async function main() {
  const handle = await openDatabase({ databaseUrl: url as string, poolSize: POOL });
  const keyring = await openKeyring(handle.db, Buffer.from(masterHex as string, 'hex'), 0);
  try {
    const signing = await generateSigningKey();
    await registerSigningKey(handle.db, signing, systemClock.now());
    const app = await buildApp({
      config: loadConfig({
        HUTONG_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
        HUTONG_PUBLIC_POW_BITS: '0',
        HUTONG_PUBLIC_RATE_LIMIT: '100000000',
        HUTONG_PUBLIC_IDENTIFIER_LIMIT: '100000000',
        // The load comes through "a proxy" (autocannon on loopback) with a client address per person.
        HUTONG_TRUST_PROXY: '127.0.0.1',
        // The scale bench reads the statistics as an administrator.
        ...(process.env.BENCH_ADMIN_TOKEN && { HUTONG_ADMIN_TOKEN: process.env.BENCH_ADMIN_TOKEN }),
      }),
      db: handle.db,
      engine: handle.engine,
      script: handle.script,
      catalog: loadCatalog(loadConfig({}).catalogDir),
      clock: systemClock,
      keyring,
      bulk: handle.bulk,
      signing,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('no address');
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
    process.stdin.destroy();
    await app.close();
    process.stdout.write(`${JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    keyring.close();
    await handle.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
