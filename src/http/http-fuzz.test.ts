import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import {
  captureLog,
  type FuzzRequest,
  type Operation,
  operationsOf,
  requestFor,
  sownIdNumbers,
} from '../testing/openapi-fuzz.ts';
import { unmaskedIdNumber } from './log-redaction.ts';

/**
 * Property-based HTTP fuzz of every route in the OpenAPI document (issue 17 §8): requests with random and broken
 * path parameters, query strings, headers and JSON bodies, anonymous and with the admin token. Every answer is
 * below 500, the server still answers afterwards, and no ID number reaches the log.
 *
 * In-process (`app.inject`), a fixed seed and a bounded run: HUTONG_FUZZ_RUNS (default 10,000) requests,
 * HUTONG_FUZZ_SEED to replay another seed. The live monitor (server-sent events) never ends a response and is
 * left out, and so is the online backup, which dumps the whole store on each call (its authorisation is in the matrix
 * test, its work in cli/backup.command.test.ts).
 */
const RUNS = Number(process.env.HUTONG_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.HUTONG_FUZZ_SEED ?? 17_2026);
const skip = ['GET /api/v1/supervision/live', 'POST /api/v1/admin/backup'];

const log = captureLog();
let t: TestApp;
let operations: Operation[];

before(async () => {
  t = await createTestApp({ env: { HUTONG_LOG_LEVEL: 'debug' }, logStream: log.stream });
  operations = operationsOf(t.app, skip);
});
after(async () => {
  await t?.close();
});

describe('HTTP fuzz from the OpenAPI document', () => {
  it('covers every API route but those left out on purpose', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const missing = t.app.apiRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !documented.has(r) && !skip.includes(r.replace(/:(\w+)/g, '{$1}')));
    assert.deepEqual(missing, []);
    assert.ok(operations.length > 100);
  });

  it(`answers ${RUNS} random requests without a 5xx, stays healthy, logs no ID number`, async () => {
    const callers = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      { authorization: 'Bearer not-a-token' },
    );
    const request = fc.constantFrom(...operations).chain((op) => requestFor(op, callers));
    const statuses = new Map<number, number>();
    // Every 5xx is kept, one example per route, so a run names all the failing routes at once.
    const failures = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(request, async (r: FuzzRequest) => {
        const { route: _route, ...options } = r;
        const res = await t.app.inject(options);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500 && !failures.has(r.route))
          failures.set(r.route, `${r.method} ${r.url} ${r.payload ?? ''} → ${res.statusCode}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assert.deepEqual([...failures.values()], []);

    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.statusCode, 200);
    const users = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    assert.equal(users.statusCode, 200, 'the database still answers');

    const all = log.lines.join('');
    for (const id of sownIdNumbers) assert.ok(!all.includes(id), `${id} in the log`);
    assert.equal(
      log.lines.find((l) => unmaskedIdNumber.test(l)),
      undefined,
    );
    // A bounded run that still reached most statuses: the fuzz got past validation, not only into it.
    assert.ok((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) > RUNS / 50, JSON.stringify([...statuses]));
  });
});
