import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { POW_HEADER, solveChallenge } from '../query/query.challenge.ts';
import { createScratchPostgres } from '../testing/database.ts';
import { type ServerProcess, serveProcess } from '../testing/processes.ts';

/**
 * Issue 16 §4 across real processes: two Hutong servers on one PostgreSQL database, requests spread over both. The
 * per-address limit, the per-identifier limit and single-use challenges hold for the pair as for one. (The embedded
 * store is one process per data directory, so there is nothing to spread there: PostgreSQL only.)
 */
const adminUrl = process.env.DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-limits-'));
let scratch: Awaited<ReturnType<typeof createScratchPostgres>> | undefined;
const servers: ServerProcess[] = [];

const call = (port: number, url: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}/api/v1${url}`, init);

const search = (port: number, body: unknown, headers: Record<string, string> = {}) =>
  call(port, '/public/certificates/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('limits and challenges across two API processes (PostgreSQL)', {
  skip: !adminUrl && 'PostgreSQL only: the embedded store runs one process',
}, () => {
  before(async () => {
    scratch = await createScratchPostgres(adminUrl as string, 'hutong_limits');
    // The first start migrates the database; the second finds it migrated.
    const env = {
      HUTONG_PUBLIC_RATE_LIMIT: '6',
      HUTONG_PUBLIC_IDENTIFIER_LIMIT: '3',
      HUTONG_PUBLIC_POW_BITS: '4',
    };
    servers.push(await serveProcess(scratch.url, dir, env));
    servers.push(await serveProcess(scratch.url, dir, env));
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function solved(port: number): Promise<string> {
    const c = (await (await call(port, '/public/challenge')).json()) as { challenge: string; bits: number };
    return `${c.challenge}:${solveChallenge(c.challenge, c.bits)}`;
  }

  it('spends a challenge once, whichever process it is shown to', async () => {
    const [a, b] = [servers[0], servers[1]] as [{ port: number }, { port: number }];
    const pow = await solved(a.port);
    const first = await search(b.port, { name: '张三', number: 'SAMR-2024-000001' }, { [POW_HEADER]: pow });
    assert.equal(first.status, 404, await first.clone().text());
    const again = await search(a.port, { name: '张三', number: 'SAMR-2024-000001' }, { [POW_HEADER]: pow });
    assert.equal(again.status, 428);
    assert.deepEqual(((await again.json()) as { error: { details: unknown } }).error.details, [
      { path: `headers.${POW_HEADER}`, message: 'spent' },
    ]);
  });

  it('limits one identifier across processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const port = (servers[i % 2] as { port: number }).port;
      const res = await search(
        port,
        { name: `试${i}`, number: 'SAMR-2024-000777' },
        { [POW_HEADER]: await solved(port) },
      );
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
  });

  it('limits one client address across processes', async () => {
    // Six requests a minute per address and route, on a route the tests above did not call. A limit per process
    // would let 2 × 6 through.
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const port = (servers[i % 2] as { port: number }).port;
      statuses.push((await call(port, '/public/explain/changes')).status);
    }
    assert.equal(statuses.filter((s) => s !== 429).length, 6, statuses.join(' '));
    assert.deepEqual(statuses.slice(6), [429, 429, 429]);
  });
});
