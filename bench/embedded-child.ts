/**
 * Helpers of bench/embedded.ts, each in its own process so the server's CPU and RSS are its own:
 *
 *   node --import tsx bench/embedded-child.ts anchor <data-dir> <seconds> <connections> <people.json>
 *     opens a COPY of the server's data directory (stopped) on PGlite, runs `analyze`, writes the people to query
 *     (name + ID number, decrypted from the holders the import made), then from <connections> concurrent loops for
 *     <seconds> each: the anchor, a bare indexed lookup of the same rows with PGlite's own `query()` (holders by
 *     `id_index` joined to their certificate rows), and for context the public query's compiled SQL through
 *     Hutong's dialect (the view, the sources join, the order; prepared after its first use).
 *   node --import tsx bench/embedded-child.ts load <json>
 *     autocannon with the given options (url, connections, duration, requests): the load generator.
 *
 * Each prints one JSON line on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase, pgliteParsers } from '../src/db/database.ts';
import { loadMasterKey, openKeyring } from '../src/protection/protection.service.ts';
import { hostedCertificates } from '../src/query/query.service.ts';
import { holderIndex } from '../src/registry/registry.protect.ts';

async function anchor(dataDir: string, seconds: number, connections: number, peopleFile: string) {
  const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), { parsers: pgliteParsers });
  const handle = await openDatabase({ pglite });
  const keyring = await openKeyring(handle.db, loadMasterKey(undefined, dataDir), 0);
  try {
    await sql`analyze`.execute(handle.db);
    const protector = keyring.protector();
    const rows = await handle.db
      .selectFrom('holders as h')
      .select(['h.name', 'h.id_cipher', 'h.id_type'])
      .where('h.id_type', '=', 'resident')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('certificates as c')
            .select('c.id')
            .whereRef('c.holder_id', '=', 'h.id')
            .where('c.issuer_org', '=', '应急管理局'),
        ),
      )
      .orderBy('h.id')
      .limit(5000)
      .execute();
    const people = rows.map((r) => {
      const idNumber = protector.decrypt(r.id_cipher);
      return { name: r.name, idNumber, index: holderIndex(protector, 'resident', idNumber) };
    });
    if (people.length < 1000) throw new Error(`only ${people.length} imported holders found`);
    fs.writeFileSync(peopleFile, JSON.stringify(people.map(({ name, idNumber }) => ({ name, idNumber }))));
    const compiled = hostedCertificates(handle.db)
      .where('h.id_index', '=', 'x')
      .orderBy('c.valid_from')
      .compile();
    const plan = await handle.db.executeQuery(
      CompiledQuery.raw(`explain ${compiled.sql}`, [people[0]?.index as string]),
    );
    const indexed = JSON.stringify(plan.rows).includes('Index');
    const loop = async (run: (index: string) => Promise<{ rows: unknown[] }>) => {
      let count = 0;
      let next = 0;
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < until) {
            const p = people[next++ % people.length] as (typeof people)[number];
            if ((await run(p.index)).rows.length === 0) throw new Error('anchor lookup found nothing');
            count += 1;
          }
        }),
      );
      return count / seconds;
    };
    const bare =
      'select c.*, h.name from holders h join certificate_rows c on c.holder_id = h.id where h.id_index = $1';
    const bareRps = await loop((index) => pglite.query(bare, [index]));
    const serviceRps = await loop((index) =>
      handle.db.executeQuery(CompiledQuery.raw(compiled.sql, [index])),
    );
    return { rps: bareRps, serviceRps, people: people.length, indexed };
  } finally {
    keyring.close();
    await handle.close();
  }
}

async function load(options: autocannon.Options) {
  const r = await autocannon(options);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  let out: unknown;
  if (mode === 'anchor') {
    const [dir, seconds, connections, people] = args;
    out = await anchor(dir as string, Number(seconds), Number(connections), people as string);
  } else if (mode === 'load') {
    out = await load(JSON.parse(fs.readFileSync(args[0] as string, 'utf8')) as autocannon.Options);
  } else throw new Error('usage: embedded-child.ts anchor|load …');
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
