import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { hostedCertificates } from '../src/query/query.service.ts';
import { holderIndex, maskNumber } from '../src/registry/registry.protect.ts';
import { residentIdCheckChar } from '../src/shared/identifiers.ts';

/**
 * The public query bench's registry (issue 5 §10), made by the driver before the server starts so the server's
 * RSS is its own: N people holding one to three certificates each, ID numbers sealed and blind-indexed as the
 * registry does. Returns the master key (for the server), a sample of people and the service's compiled lookup.
 */
/** The server's `pg` pool, and the anchor's: same driver, same pool size. */
export const POOL = 10;
const TYPES = ['mem.lv-electrician', 'mem.fusion-welding', 'samr.metal-welding'];

/** Distinct valid resident ID numbers: a birth date per thousand, a sequence number within it. */
function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const seventeen = `310101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
  return seventeen + residentIdCheckChar(seventeen);
}

export async function seedQueryBench(handle: DatabaseHandle, people: number) {
  const master = randomBytes(32);
  const keyring = await openKeyring(handle.db, master, 0);
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

  keyring.close();
  const compiled = hostedCertificates(handle.db)
    .where('h.id_index', '=', 'x')
    .orderBy('c.valid_from')
    .compile();
  return { master: master.toString('hex'), persons: persons.slice(0, 5000), sql: compiled.sql };
}
