import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../config.ts';
import { migrations } from '../db/migrations/index.ts';
import { type Running, startServer } from '../runtime.ts';
import { readConfiguredKeys } from './backup.keys.ts';
import { dumpStoppedPglite } from './backup.pglite.ts';
import { createBackup, pgdataOf, restoreBackup } from './backup.service.ts';

/**
 * Ticket attachments travel with a backup (issue 14 §2): they live in the database (migration 0040), so a store
 * backed up and restored into an empty data directory serves the same attachment, byte for byte. PGlite: the
 * PostgreSQL round trip of the same payload is cli/backup.command.test.ts's.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-backup-att-'));
const ADMIN = 'backup-attachments-admin-token';
const env = (dir: string) => ({
  HUTONG_DATA_DIR: path.join(work, dir),
  HUTONG_LOG_LEVEL: 'silent',
  HUTONG_DEMO: '0',
  HUTONG_SUPERVISION_INTERVAL_MS: '0',
  HUTONG_OUTBOX_INTERVAL_MS: '0',
  HUTONG_PUBLIC_POW_BITS: '0',
  HUTONG_ADMIN_TOKEN: ADMIN,
  PORT: '0',
});
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR a photo sent with a complaint'),
]);
const BOUNDARY = '----hutong-backup-boundary';
const data = {
  kind: 'complaint',
  topic: { kind: 'certificate-type', type: 'mem.lv-electrician' },
  region: '310000',
  text: '附上照片，请核实培训机构收费问题。',
  contact: { email: 'worker@example.cn' },
};
const body = Buffer.concat([
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
  ),
  png,
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
]);

let running: Running | undefined;
after(async () => {
  await running?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function submitTicket(app: Running['app']) {
  const submitted = await app.inject({
    method: 'POST',
    url: '/api/v1/public/tickets',
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  assert.equal(submitted.statusCode, 201, submitted.body);
  return submitted;
}

async function attachmentOf(app: Running['app'], ticketId: string) {
  const auth = { authorization: `Bearer ${ADMIN}` };
  const view = await app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}`, headers: auth });
  assert.equal(view.statusCode, 200, view.body);
  const [attachment] = view.json().attachments as { id: string; filename: string }[];
  assert.ok(attachment);
  const file = await app.inject({
    method: 'GET',
    url: `/api/v1/tickets/${ticketId}/attachments/${attachment.id}`,
    headers: auth,
  });
  assert.equal(file.statusCode, 200, file.body);
  return { filename: attachment.filename, content: file.rawPayload };
}

describe('backup of ticket attachments (PGlite)', () => {
  it('restores a ticket’s attachment with its row, byte for byte', async () => {
    const source = loadConfig(env('a'));
    running = await startServer(source);
    const submitted = await submitTicket(running.app);
    const { id } = await running.handle.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', submitted.json().number)
      .executeTakeFirstOrThrow();
    const before = await attachmentOf(running.app, id);
    assert.deepEqual(before.content, png);
    await running.close();
    running = undefined;
    // Nothing of it is left outside the database for a backup to miss.
    assert.ok(
      !fs.existsSync(path.join(source.dataDir, 'tickets')) ||
        fs.readdirSync(path.join(source.dataDir, 'tickets')).length === 0,
    );

    const file = path.join(work, 'store.hbk');
    const result = await createBackup(file, {
      engine: 'pglite',
      keys: await readConfiguredKeys(source),
      includeKeys: [],
      now: new Date(),
      snapshot: (payload) => dumpStoppedPglite(pgdataOf(source), payload),
    });
    assert.equal(result.manifest.counts.ticket_attachments, 1);

    const target = loadConfig(env('b'));
    // The master key is the operator's to carry (no --include-keys here): the restored store opens with it.
    fs.cpSync(path.join(source.dataDir, 'keys'), path.join(target.dataDir, 'keys'), { recursive: true });
    const report = await restoreBackup(file, {
      config: target,
      force: false,
      knownMigrations: Object.keys(migrations),
    });
    assert.deepEqual(report.countDifferences, []);
    running = await startServer(target);
    const after = await attachmentOf(running.app, id);
    assert.equal(after.filename, 'photo.png');
    assert.deepEqual(after.content, png);
  });
});

describe('backup of a 国密 install (PGlite, issue 18)', () => {
  it('seals the included keys with SM4 and SM3, and restores with them into an empty directory', async () => {
    const gm = (dir: string) => loadConfig({ ...env(dir), HUTONG_CRYPTO_PROFILE: 'gm' });
    const source = gm('gm-a');
    // The previous test leaves its restored server running for after(): close it before taking the slot.
    await running?.close();
    running = await startServer(source);
    const submitted = await submitTicket(running.app);
    await running.close();
    running = undefined;

    const file = path.join(work, 'gm.hbk');
    const passphrase = 'a long passphrase for the gm backup';
    const { manifest } = await createBackup(file, {
      engine: 'pglite',
      keys: await readConfiguredKeys(source),
      includeKeys: ['master', 'signing'],
      passphrase,
      now: new Date(),
      snapshot: (payload) => dumpStoppedPglite(pgdataOf(source), payload),
    });
    assert.equal(manifest.keys.included?.cipher, 'sm4-ctr-hmac-sm3');
    assert.equal(manifest.keys.included?.kdf.name, 'pbkdf2-hmac-sm3');

    // No key copied: the restore takes them from the backup, opened with the passphrase.
    const target = gm('gm-b');
    const report = await restoreBackup(file, {
      config: target,
      force: false,
      passphrase,
      knownMigrations: Object.keys(migrations),
    });
    assert.deepEqual(report.countDifferences, []);
    running = await startServer(target);
    const profile = await running.handle.db
      .selectFrom('crypto_profile')
      .select('profile')
      .executeTakeFirstOrThrow();
    assert.equal(profile.profile, 'gm');
    const { id } = await running.handle.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', submitted.json().number)
      .executeTakeFirstOrThrow();
    assert.deepEqual((await attachmentOf(running.app, id)).content, png);
  });
});
