import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../testing/app.ts';
import { MAX_FILE_BYTES, sniffMediaType } from './tickets.attachments.ts';
import {
  bearer,
  createTicketTestApp,
  movableClock,
  questionAboutMem,
  ticketIdOf,
} from './tickets.test-helpers.ts';

/**
 * Attachments (issue 14 §2): images and PDF told by their bytes, at most 3 files of 5 MB, sealed in the database —
 * the file's content and its name are never stored in plaintext — and read back whole by the office in scope.
 */
const BOUNDARY = '----hutong-test-boundary';
function multipart(data: object, files: Array<{ name: string; type: string; content: Buffer }>) {
  const parts: Buffer[] = [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`,
    ),
  ];
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

const ID_NUMBER = '110105194912310021';
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(`IHDR photo of ${ID_NUMBER}`),
]);
const pdf = Buffer.from(`%PDF-1.7\n1 0 obj << /Title (${ID_NUMBER}) >> endobj\n%%EOF\n`);

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

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('ticket attachments', () => {
  it('tells the type from the first bytes', () => {
    assert.equal(sniffMediaType(png), 'image/png');
    assert.equal(sniffMediaType(pdf), 'application/pdf');
    assert.equal(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffMediaType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffMediaType(Buffer.from('MZ\x90\0')), undefined);
    assert.equal(sniffMediaType(Buffer.from('<svg xmlns=')), undefined);
  });

  it('stores a PNG and a PDF sealed, and the office reads them back whole', async () => {
    const body = multipart(questionAboutMem, [
      { name: `身份证${ID_NUMBER}.png`, type: 'image/png', content: png },
      { name: 'scan.pdf', type: 'application/pdf', content: pdf },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', ...body });
    assert.equal(res.statusCode, 201, res.body);
    const id = await ticketIdOf(t, res.json().number);
    // Sealed in the database (migration 0040), like the other uploads: nothing on disk, no ID number in a row.
    assert.deepEqual(walk(path.join(t.dataDir, 'tickets')), []);
    const rows = await t.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.path, null);
      assert.ok(row.content_cipher && row.content_cipher.length > 0, 'sealed content');
      assert.ok(!JSON.stringify(row).includes(ID_NUMBER), 'no ID number in the row');
      assert.ok(!JSON.stringify(row).includes(png.toString('base64')), 'no plaintext content in the row');
    }
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: bearer(memSh) });
    const attachments = view.json().attachments as Array<{ id: string; filename: string; mediaType: string }>;
    assert.deepEqual(attachments.map((a) => a.mediaType).sort(), ['application/pdf', 'image/png']);
    const image = attachments.find((a) => a.mediaType === 'image/png');
    assert.equal(image?.filename, `身份证${ID_NUMBER}.png`);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/attachments/${image?.id}`,
      headers: bearer(memSh),
    });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.deepEqual(download.rawPayload, png);
    const other = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/attachments/${image?.id}`,
      headers: bearer(other),
    });
    assert.equal(hidden.statusCode, 404);
  });

  it('refuses a file that is not an image or PDF whatever it claims to be (415)', async () => {
    const body = multipart(questionAboutMem, [
      { name: 'photo.png', type: 'image/png', content: Buffer.from('MZ\x90\0 an executable') },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', ...body });
    assert.equal(res.statusCode, 415, res.body);
  });

  it('refuses a file over 5 MB (413) and a fourth file (413), and stores nothing then', async () => {
    const countRows = async () =>
      Number(
        (
          await t.db
            .selectFrom('ticket_attachments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countRows();
    const big = Buffer.concat([png, Buffer.alloc(MAX_FILE_BYTES)]);
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets',
      ...multipart(questionAboutMem, [{ name: 'big.png', type: 'image/png', content: big }]),
    });
    assert.equal(tooBig.statusCode, 413, tooBig.body);
    const four = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets',
      ...multipart(
        questionAboutMem,
        [1, 2, 3, 4].map((n) => ({ name: `${n}.png`, type: 'image/png', content: png })),
      ),
    });
    assert.equal(four.statusCode, 413, four.body);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets',
      ...multipart(questionAboutMem, [{ name: 'empty.png', type: 'image/png', content: Buffer.alloc(0) }]),
    });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(await countRows(), before);
  });

  it('validates the JSON of a multipart request like a JSON body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets',
      ...multipart({ ...questionAboutMem, region: 'nowhere' }, [
        { name: 'a.png', type: 'image/png', content: png },
      ]),
    });
    assert.equal(res.statusCode, 400, res.body);
  });
});
