import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import { createSealStream } from '../registry/import/import.seal.ts';
import type { TestApp } from '../testing/app.ts';
import { sweepAttachmentFiles } from './tickets.attachments-sweep.ts';
import { bearer, createTicketTestApp, movableClock, submit, ticketIdOf } from './tickets.test-helpers.ts';

/**
 * The start-up sweep (issue 14 §2): a sealed file of the storage before migration 0040 that its row still names is
 * moved into the row (and the office still reads it, byte for byte); a file no row names is deleted; a file whose
 * content does not match its row's hash is kept and reported.
 */
const clock = movableClock('2026-12-07T02:00:00Z');
let t: TestApp & { dataDir: string };
let memSh: string;

before(async () => {
  t = await createTicketTestApp(clock);
  memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
});
after(async () => {
  await t.close();
});

/** Writes `content` sealed as the earlier storage did, and points a new attachment row of `ticketId` at it. */
async function legacyAttachment(ticketId: string, id: string, content: Buffer, sha256Of = content) {
  const relative = path.join('tickets', ticketId, `${id}.seal`);
  fs.mkdirSync(path.join(t.dataDir, 'tickets', ticketId), { recursive: true });
  await pipeline(
    Readable.from([content]),
    createSealStream(t.keyring.protector()),
    fs.createWriteStream(path.join(t.dataDir, relative)),
  );
  const { createHash } = await import('node:crypto');
  await t.db
    .insertInto('ticket_attachments')
    .values({
      id,
      ticket_id: ticketId,
      event_id: null,
      filename_cipher: t.keyring.protector().encrypt(`${id}.png`),
      media_type: 'image/png',
      size: content.length,
      sha256: createHash('sha256').update(sha256Of).digest('hex'),
      path: relative,
      content_cipher: null,
      created_at: clock.now(),
    })
    .execute();
  return relative;
}

describe('attachment files at start-up', () => {
  it('moves files named by their rows into the database, deletes orphans, keeps a mismatch', async () => {
    const submitted = await submit(t);
    const ticketId = await ticketIdOf(t, submitted.number);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('old'),
    ]);
    const kept = await legacyAttachment(ticketId, '0193a000-0000-7000-8000-000000000001', png);
    const bad = await legacyAttachment(
      ticketId,
      '0193a000-0000-7000-8000-000000000002',
      png,
      Buffer.from('something else'),
    );
    const orphan = path.join('tickets', ticketId, 'no-row.seal');
    fs.writeFileSync(path.join(t.dataDir, orphan), 'left by a failed submission');
    const strayDir = path.join(t.dataDir, 'tickets', '0193a000-0000-7000-8000-00000000ffff');
    fs.mkdirSync(strayDir);
    fs.writeFileSync(path.join(strayDir, 'x.seal'), 'orphan of a ticket that never was');

    const report = await sweepAttachmentFiles({ db: t.db, keyring: t.keyring, clock, dataDir: t.dataDir });
    assert.equal(report.adopted, 1);
    assert.equal(report.removed, 2);
    assert.equal(report.failed.length, 1);
    assert.match(report.failed[0] ?? '', /does not match its recorded hash/);
    assert.ok(!fs.existsSync(path.join(t.dataDir, kept)));
    assert.ok(fs.existsSync(path.join(t.dataDir, bad)), 'a mismatch is kept for an operator');
    assert.ok(!fs.existsSync(path.join(t.dataDir, orphan)));
    assert.ok(!fs.existsSync(strayDir));

    const row = await t.db
      .selectFrom('ticket_attachments')
      .select(['path', 'content_cipher'])
      .where('id', '=', '0193a000-0000-7000-8000-000000000001')
      .executeTakeFirstOrThrow();
    assert.equal(row.path, null);
    assert.ok(row.content_cipher);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticketId}/attachments/0193a000-0000-7000-8000-000000000001`,
      headers: bearer(memSh),
    });
    assert.equal(download.statusCode, 200, download.body);
    assert.deepEqual(download.rawPayload, png);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'ticket.attachment.adopt')
      .execute();
    assert.equal(audit.length, 1);

    const again = await sweepAttachmentFiles({ db: t.db, keyring: t.keyring, clock, dataDir: t.dataDir });
    assert.deepEqual([again.adopted, again.removed], [0, 0]);
  });
});
