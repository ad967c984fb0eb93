import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Principal } from '../accounts/accounts.model.ts';
import { projectRoot } from '../config.ts';
import { candidate, institution, plan, sitting } from '../exams/exams.test-helpers.ts';
import { decideCosignature, publishDraft, requestCosignatures } from '../recognition/policy.cosign.ts';
import { createDraft, updateDraft } from '../recognition/policy.service.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { findHolderId } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { TEST_ADMIN_TOKEN, type TestApp, testCatalog } from '../testing/app.ts';
import type { IssuanceRequestBody } from './outbox.model.ts';
import { addSource } from './sources.test-helpers.ts';

/**
 * A department's issuance system as a test double (issue 7 §5): a real HTTP server on 127.0.0.1 that speaks the
 * protocol of ARCHITECTURE.md on its own — it checks the HMAC signature with its own code (not Hutong's), requires
 * the Idempotency-Key to be the request id, answers a repeated key with the first reference, and otherwise answers
 * each request id with its scripted statuses (201 with a reference once the script runs out).
 */
export interface Received {
  idempotencyKey: string;
  timestamp: string;
  signatureValid: boolean;
  body: IssuanceRequestBody;
}

export interface DepartmentDouble {
  url: string;
  received: Received[];
  script(requestId: string, statuses: number[]): void;
  close(): Promise<void>;
}

export async function startDepartmentDouble(secret: string): Promise<DepartmentDouble> {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const references = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-hutong-timestamp'] ?? '');
      const key = String(req.headers['idempotency-key'] ?? '');
      const given = Buffer.from(String(req.headers['x-hutong-signature'] ?? ''));
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`,
      );
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      const body = JSON.parse(raw) as IssuanceRequestBody;
      received.push({ idempotencyKey: key, timestamp, signatureValid, body });
      const answer = (status: number, json: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (!signatureValid) return answer(401, { error: 'bad signature' });
      if (key !== body.id) return answer(400, { error: 'Idempotency-Key must be the request id' });
      const known = references.get(key);
      if (known) return answer(200, { reference: known });
      const status = scripts.get(key)?.shift() ?? 201;
      if (status >= 200 && status < 300) {
        const reference = `沪建发-${references.size + 1}`;
        references.set(key, reference);
        return answer(status, { reference });
      }
      return answer(status, { error: `scripted ${status}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/issuance`,
    received,
    script: (id, statuses) => scripts.set(id, [...statuses]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const LINKED_SOURCE = 'mohurd-sh-issuing';

const shAdmin: Principal = {
  via: 'token',
  userId: null,
  username: 'test',
  role: 'province-admin',
  department: null,
  province: '310000',
  institution: null,
  holderId: null,
};

const mohurdAdmin: Principal = { ...shAdmin, role: 'department-admin', department: 'mohurd' };

/**
 * Shanghai's 一试多证 arrangement (电工四级 → also 建筑电工, as the demo's `sh.oemc.electrician-4`), a linked MOHURD
 * source that issues 建筑电工 in 310000 itself, and a plan with one sitting at a Shanghai institution.
 */
export async function setUpJointIssuance(t: TestApp) {
  const deps = {
    ...t.registry,
    policies: loadPolicyPacks(path.join(projectRoot, 'policies'), testCatalog()),
  };
  const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
  const draft = await createDraft(deps, ctx, shAdmin, '310000');
  await updateDraft(deps, ctx, shAdmin, '310000', draft.version, {
    overrides: [],
    correspondence: [],
    oneExamMultiCert: [
      {
        id: 'sh.oemc.electrician-4',
        occupation: '6-31-01-03',
        level: '4',
        issues: ['mohrss.skill-level', 'mohurd.electrician'],
        basis: '测试 test arrangement',
        effectiveFrom: '2026-01-01',
      },
    ],
  } as never);
  // 会同: the arrangement issues a MOHURD certificate, so MOHURD's admin for 310000 co-signs before publishing.
  await requestCosignatures(deps, ctx, shAdmin, '310000', draft.version);
  await decideCosignature(deps, ctx, mohurdAdmin, '310000', draft.version, {
    department: 'mohurd',
    outcome: 'signed',
  });
  await publishDraft(deps, ctx, shAdmin, '310000', draft.version, todayInChina(t.clock));
  await addSource(t, TEST_ADMIN_TOKEN, {
    id: LINKED_SOURCE,
    nameZh: '上海市建设工程安全质量监督总站（自行核发）',
    nameEn: 'Shanghai construction safety (issues itself)',
    department: 'mohurd',
    kind: 'linked',
    url: 'https://zjw.sh.gov.cn/query',
    types: ['mohurd.electrician'],
    region: '310000',
  });
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  const planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  const sittingId = await sitting(t, {
    planId,
    institution: inst,
    startsAt: '2026-12-27T09:00:00+08:00',
    endsAt: '2026-12-27T11:00:00+08:00',
    capacity: 50,
  });
  return { deps, inst, planId, sittingId };
}

/** A registered candidate whose result is final and passed: the next issuance gives them their certificates. */
export async function passedCandidate(
  t: TestApp,
  setup: { planId: string; sittingId: string; inst: { id: string } },
  name: string,
): Promise<{ registrationId: string; idNumber: string }> {
  const c = await candidate(t, [{ type: 'mem.lv-electrician' }], name);
  const holderId = await findHolderId(t.registry, 'resident', c.idNumber);
  if (!holderId) throw new Error('no holder');
  const registrationId = newId();
  const now = new Date();
  await t.db
    .insertInto('exam_registrations')
    .values({
      id: registrationId,
      plan_id: setup.planId,
      sitting_id: setup.sittingId,
      institution_id: setup.inst.id,
      province: '310000',
      holder_id: holderId,
      starts_at: '2026-12-27T09:00:00+08:00',
      ends_at: '2026-12-27T11:00:00+08:00',
      status: 'registered',
      channel: 'self',
      declared: '{}',
      commitment: '{}',
      eligibility: '{}',
      created_by: 'test',
      created_at: now,
    })
    .execute();
  await t.db
    .insertInto('exam_results')
    .values({
      registration_id: registrationId,
      plan_id: setup.planId,
      scores: '[]',
      passed: true,
      flags: '[]',
      status: 'final',
      updated_at: now,
    })
    .execute();
  return { registrationId, idNumber: c.idNumber };
}
