import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';

/** A clock a test moves forward (deadlines, escalation). */
export function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return {
    now: () => new Date(at),
    set(next) {
      at = new Date(next);
    },
  };
}

/** A test app whose data directory (attachments) is a fresh temporary one. */
export async function createTicketTestApp(clock: Clock): Promise<TestApp & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-tickets-'));
  const t = await createTestApp({ clock, env: { HUTONG_DATA_DIR: dataDir } });
  return {
    ...t,
    dataDir,
    async close() {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const questionAboutMem = {
  kind: 'question',
  topic: { kind: 'certificate-type', type: 'mem.lv-electrician' },
  region: '310000',
  text: '您好，我叫王伟强，持有低压电工作业证，手机13812345678，请问到期后怎么复审？',
  contact: { email: 'worker@example.cn' },
};

export async function submit(
  t: TestApp,
  payload: object = questionAboutMem,
  headers: Record<string, string> = {},
) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', payload, headers });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { number: string; code: string; dueOn: string; office: { zh: string } };
}

export async function ticketIdOf(t: TestApp, number: string): Promise<string> {
  const row = await t.db
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}
