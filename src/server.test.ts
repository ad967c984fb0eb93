import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
// @ts-expect-error: a plain script without types (`npm run build:server`)
import { ensureServer, serverBundle } from '../scripts/ensure-server.mjs';
import { projectRoot } from './config.ts';
import { freePort } from './testing/processes.ts';

/** `npm start`'s server process (scripts/start.mjs): the compiled bundle, on the embedded store. */
function start(dataDir: string, port: number) {
  const child = spawn(process.execPath, [path.join(projectRoot, 'scripts', 'start.mjs')], {
    cwd: os.tmpdir(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HUTONG_DATA_DIR: dataDir,
      HUTONG_DATA_KEY: 'c'.repeat(64),
      HUTONG_DEMO: '0',
      HUTONG_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const running = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('is running at')) resolve();
    });
    void exited.then((code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
  return { child, running, exited, output: () => out };
}

describe('npm start (issue 16 §6: the server compiled ahead of time, PGlite started before the rest loads)', () => {
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-start-'));
    assert.equal(await ensureServer(), true, 'the server compiles');
    assert.ok(fs.existsSync(serverBundle));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves from the bundle, from any working directory, and stops cleanly', async () => {
    const port = await freePort();
    const server = start(path.join(dir, 'data'), port);
    await server.running;
    try {
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      assert.equal(health.status, 200);
      // The catalog is found from the bundle's folder (dist/server/chunks/), not from the working directory.
      const types = await fetch(`http://127.0.0.1:${port}/api/v1/catalog/certificate-types`);
      assert.equal(types.status, 200, await types.clone().text());
      assert.ok(((await types.json()) as { items: unknown[] }).items.length > 10);
    } finally {
      server.child.kill('SIGTERM');
    }
    assert.equal(await server.exited, 0, server.output());
    assert.ok(fs.existsSync(path.join(dir, 'data', 'pgdata', 'PG_VERSION')));
  });

  it('reports a store it cannot open as a failed start, not a crash while loading', async () => {
    const notADir = path.join(dir, 'file');
    fs.writeFileSync(notADir, 'not a data directory');
    const server = start(notADir, await freePort());
    await assert.rejects(server.running);
    assert.equal(await server.exited, 1);
    assert.match(server.output(), /Hutong failed to start: /);
    assert.doesNotMatch(server.output(), /UnhandledPromiseRejection|triggerUncaughtException/);
  });
});
