import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { residentIdCheckChar } from '../../shared/identifiers.ts';
import { createScratchPostgres, queryStore } from '../../testing/database.ts';
import { header } from './import.test-helpers.ts';

/**
 * Crash safety (issue 3 §5): `hutong import` is killed with SIGKILL while it runs; the database then holds all of
 * the file or none of it, and running the import again completes it. On PGlite (data directory) and, with
 * DATABASE_URL, on a fresh PostgreSQL database.
 */
const ROWS = 20_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-crash-'));
const dataDir = path.join(dir, 'data');
const file = path.join(dir, 'big.csv');
const adminUrl = process.env.DATABASE_URL;
let scratch: Awaited<ReturnType<typeof createScratchPostgres>> | undefined;
let serveScratch: Awaited<ReturnType<typeof createScratchPostgres>> | undefined;

function writeFile(): void {
  const lines = [header];
  for (let i = 0; i < ROWS; i++) {
    const body = `310101${1970 + (i % 30)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    const id = body + residentIdCheckChar(body);
    // Unique numbers: MOHURD-style would need serials; MEM numbers are T + ID, so vary the item instead.
    const type = ['mem.lv-electrician', 'mem.hv-electrician', 'mem.fusion-welding', 'mem.brazing'][
      Math.floor(i / 10_000) % 4
    ];
    const name = `${'赵钱孙李周吴郑王冯陈'[i % 10]}${'伟芳娜敏静丽强磊'[i % 8]}`;
    lines.push(`${type},T${id},${name},resident,${id},2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/**
 * On PostgreSQL a killed process's job is found dead when its lease runs out (`import.workdir.ts`); a short lease
 * keeps the test short. Until then its rows are held: a second import of the same file in that window says
 * `held-by-another-import` rather than guess that the other process died.
 */
const LEASE_MS = 2_000;

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HUTONG_DATA_DIR: dataDir,
    HUTONG_DATA_KEY: 'a'.repeat(64),
    HUTONG_IMPORT_LEASE_MS: String(LEASE_MS),
    ...(scratch && { DATABASE_URL: scratch.url }),
  };
}

function startImport(): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string }>;
  progress: () => number;
} {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'hutong.js'), 'import', file], {
    cwd: projectRoot,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let rows = 0;
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const m of chunk.toString().matchAll(/progress rows=(\d+)/g)) rows = Number(m[1]);
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
  return { child, done, progress: () => rows };
}

const store = () => ({ url: scratch?.url, pgliteDir: path.join(dataDir, 'pgdata') });

async function sqlOnce(statements: string): Promise<void> {
  await queryStore(store(), statements);
}

async function countCertificates(): Promise<number> {
  const rows = await queryStore<{ n: number }>(store(), 'select count(*)::int as n from certificates');
  return rows[0]?.n ?? -1;
}

before(async () => {
  writeFile();
  if (adminUrl) scratch = await createScratchPostgres(adminUrl, 'hutong_crash');
  if (adminUrl) serveScratch = await createScratchPostgres(adminUrl, 'hutong_crash_serve');
});
after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await scratch?.drop();
  await serveScratch?.drop();
});

describe(`import killed with SIGKILL (${adminUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  for (const [label, when] of [
    ['early, while rows stream in', (rows: number) => rows >= 2_000],
    ['late, with most rows staged', (rows: number) => rows >= 16_000],
  ] as const) {
    it(`leaves nothing when killed ${label}`, async () => {
      const run = startImport();
      const deadline = Date.now() + 120_000;
      while (!when(run.progress()) && Date.now() < deadline && run.child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(run.child.exitCode, null, 'the import was still running when killed');
      run.child.kill('SIGKILL');
      const { code } = await run.done;
      assert.equal(code, null, 'killed, not exited');
      assert.equal(await countCertificates(), 0);
    });
  }

  it('leaves all or nothing when killed while merging or committing', async () => {
    const run = startImport();
    while (run.progress() < ROWS && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    run.child.kill('SIGKILL');
    await run.done;
    const n = await countCertificates();
    assert.ok(n === 0 || n === ROWS, `${n} rows: a partial import`);
    if (n === ROWS) {
      // It committed just before the kill: undo it so the next case starts from nothing.
      await sqlOnce('delete from certificate_history; delete from certificates; delete from holders;');
    }
  });

  it('completes when run again, and a third run changes nothing', async () => {
    // PGlite: the next process owns the data directory, so every earlier job is dead at once.
    if (adminUrl) await new Promise((r) => setTimeout(r, LEASE_MS + 500));
    const again = startImport();
    const result = await again.done;
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, new RegExp(`succeeded: ${ROWS} rows, ${ROWS} created`));
    assert.equal(await countCertificates(), ROWS);
    const left = await queryStore<{ n: number }>(
      store(),
      `select (select count(*) from import_open) + (select count(*) from certificate_rows) - ${ROWS}
        + (select count(*) from import_staged_rows) as n`,
    );
    assert.equal(Number(left[0]?.n), 0, 'no rows of the killed jobs remain, pending or staged');
    const third = startImport();
    const r3 = await third.done;
    assert.match(r3.out, new RegExp(`${ROWS} unchanged`));
  });
});

/**
 * The server itself killed with SIGKILL while it imports an upload (issue 17 §2, §8; issue 16 §1): after a restart
 * the job is found interrupted, what it wrote is swept, and it runs again from the upload stored in the database;
 * its rows are written exactly once, and none of its files is left (the sealed upload held no plaintext meanwhile). Detection does not use the PID: the server is always
 * a new process here, as it would be PID 1 in a container.
 */
describe(`server killed with SIGKILL during an upload's import (${adminUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  const serveDir = path.join(dir, 'serve');
  const token = 'crash-test-admin-token';
  let port = 0;
  const api = (url: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
  const serveStore = () => ({ url: serveScratch?.url, pgliteDir: path.join(serveDir, 'pgdata') });

  async function serve(): Promise<ChildProcess> {
    port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address() as net.AddressInfo;
        probe.close(() => resolve(address.port));
      });
    });
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'hutong.js'), 'serve'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HUTONG_DATA_DIR: serveDir,
        HUTONG_DATA_KEY: 'b'.repeat(64),
        HUTONG_ADMIN_TOKEN: token,
        HUTONG_DEMO: '0',
        HUTONG_IMPORT_LEASE_MS: String(LEASE_MS),
        HUTONG_LOG_LEVEL: 'warn',
        ...(serveScratch && { DATABASE_URL: serveScratch.url }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('is running at')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    });
    return child;
  }

  async function upload(): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)]), 'big.csv');
    const res = await api('/imports', { method: 'POST', body: form });
    assert.equal(res.status, 202, await res.clone().text());
    return ((await res.json()) as { id: string }).id;
  }

  async function job(id: string) {
    return (await (await api(`/imports/${id}`)).json()) as {
      status: string;
      created: number;
      message: string | null;
      progress: { rows: number } | null;
    };
  }

  it('runs the interrupted import again from its stored upload, writes it once, and leaves nothing', async () => {
    const first = await serve();
    const exited = new Promise((resolve) => first.on('exit', resolve));
    const id = await upload();
    let rows = 0;
    while (rows < 2_000) {
      const state = await job(id);
      assert.ok(
        state.status === 'queued' || state.status === 'running',
        `finished before the kill: ${state.status}`,
      );
      rows = state.progress?.rows ?? 0;
      await new Promise((r) => setTimeout(r, 10));
    }
    const upload1 = path.join(serveDir, 'imports', id, 'upload.sealed');
    assert.ok(fs.existsSync(upload1), 'the upload is kept sealed in the job directory while it runs');
    const firstId = fs.readFileSync(file, 'utf8').split('\n')[1]?.split(',')[4] ?? 'none';
    assert.equal(
      fs.readFileSync(upload1).includes(Buffer.from(firstId)),
      false,
      'no plaintext ID number on disk',
    );
    first.kill('SIGKILL');
    await exited;

    const second = await serve();
    try {
      // The new server finds the run dead (PGlite: at once, one process per data directory; PostgreSQL: once its
      // lease runs out), sweeps what it wrote, and runs it again from the upload stored in the database.
      let state = await job(id);
      for (let i = 0; i < 1200 && state.status !== 'succeeded' && state.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = await job(id);
      }
      assert.equal(state.status, 'succeeded', JSON.stringify(state));
      assert.equal(state.created, ROWS, 'every row written by the second run');
      assert.match(
        state.message ?? '',
        /^导入中断.*Interrupted.*run 2 of 3/,
        'the status says it was run again',
      );
      assert.equal(
        await queryStore<{ n: number }>(serveStore(), 'select count(*)::int as n from certificates').then(
          (r) => r[0]?.n,
        ),
        ROWS,
        'written exactly once',
      );
      // Its upload and staged rows go right after the final commit, which the status already shows.
      const leftInDatabase = async () =>
        Number(
          (
            await queryStore<{ n: number }>(
              serveStore(),
              `select (select count(*) from import_uploads) + (select count(*) from import_open)
                + (select count(*) from import_staged_rows) as n`,
            )
          )[0]?.n,
        );
      for (let i = 0; i < 100 && (await leftInDatabase()) > 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      assert.equal(await leftInDatabase(), 0, 'no upload, open or staged rows left');
      // The job's directory goes right after its final commit, which the status already shows.
      const files = () => fs.readdirSync(path.join(serveDir, 'imports'));
      for (let i = 0; i < 100 && files().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(files(), [], 'nothing left of the job on disk');
      // The same file uploaded again changes nothing.
      const again = await upload();
      let done = await job(again);
      while (done.status === 'queued' || done.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        done = await job(again);
      }
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
      assert.equal(done.created, 0);
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.on('exit', resolve));
    }
  });
});
