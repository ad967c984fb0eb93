import assert from 'node:assert/strict';
import path from 'node:path';
import type { Principal, Role } from '../accounts/accounts.model.ts';
import { projectRoot } from '../config.ts';
import { addBankItems } from '../exams/assembly.test-helpers.ts';
import { registeredCandidate, theoryPaper, theoryPlan } from '../exams/attempts.test-helpers.ts';
import { idNumber } from '../exams/exams.test-helpers.ts';
import { addInstitution, planBody, sittingBody } from '../exams/plans.test-helpers.ts';
import { createEligibilityChecker } from '../exams/registration.service.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { createImportJob } from '../registry/import/import.service.ts';
import { newId } from '../shared/ids.ts';
import { insertIssuanceRequest } from '../sources/outbox.store.ts';
import { addSource, sourceToken } from '../sources/sources.test-helpers.ts';
import { addResult, addWarning } from '../supervision/live.test-helpers.ts';
import { TEST_ADMIN_TOKEN, type TestApp, testCatalog } from '../testing/app.ts';

/**
 * Callers and objects of the object-scope probes (issue 17 §4). Every object belongs to Shanghai (310000), to one
 * Shanghai institution, to MEM, or to one holder, so each caller below is admitted by role and misses by scope.
 */
export const callers = {
  'admin-310000': ['province-admin', { province: '310000' }],
  'admin-320000': ['province-admin', { province: '320000' }],
  'admin-440000': ['province-admin', { province: '440000' }],
  'supervisor-440000': ['supervisor', { province: '440000' }],
  'supervisor-320000': ['supervisor', { province: '320000' }],
  'operator-gd': ['institution-operator', {}],
  'operator-js': ['institution-operator', {}],
  'dept-mem-440000': ['department-admin', { department: 'mem', province: '440000' }],
  'dept-mohurd': ['department-admin', { department: 'mohurd' }],
  'dept-mohurd-440000': ['department-admin', { department: 'mohurd', province: '440000' }],
  'dept-samr': ['department-admin', { department: 'samr' }],
  'holder-other': ['holder', {}],
  // The push token of the MEM source `mem-hosted`: its service account is a MEM department admin.
  'source-mem': ['department-admin', {}],
} as const satisfies Record<string, readonly [Role, { department?: string; province?: string }]>;
export type Who = keyof typeof callers;
export const roleOf = (who: Who): Role => callers[who][0];

export interface Fixtures {
  bankDraftSh: string;
  bankActiveSh: string;
  /** Shanghai-led, Shanghai–Jiangsu, draft; one sitting at the Shanghai institution and one theory paper. */
  jointPlan: string;
  jointSitting: string;
  jointPaper: string;
  /** Filed Shanghai institution (a partner of the joint plan) and its site. */
  institutionSh: string;
  siteSh: string;
  /** A MEM 低压电工 certificate issued in 310000, its holder, and a recognition decision about them (310000). */
  certificate: string;
  holder: string;
  decision: string;
  /** A decision about nobody in the registry (a batch row's eligibility). */
  orphanDecision: string;
  /** An approved single plan of a Shanghai institution, its sitting, a registration, its attempt and an item. */
  openPlan: string;
  openSitting: string;
  registration: string;
  attempt: string;
  attemptItem: string;
  /** A draft of Shanghai's policy pack. */
  policyDraft: string;
  /** A simulation run of Shanghai's draft. */
  simulationSh: string;
  /** A sent warning about the Shanghai institution, with one feedback attachment. */
  warning: string;
  attachment: string;
  /** A linked MOHURD source of 310000, its outbox request, and a MOHURD qualification request in 310000. */
  sourceSh: string;
  outboxRequest: string;
  qualificationRequest: string;
  /** An import job of a national MEM admin. */
  importJob: string;
  /** 回应关切 (issue 14): a ticket routed to the HRSS office of 310000, and its one attachment. */
  ticketSh: string;
  ticketShAttachment: string;
}

/** A row of the object-scope table: a probe that runs, an exemption with its reason, or a declared gap. */
export type ScopeRow =
  | {
      kind: 'probe';
      route: string; // `METHOD /api/v1/...` as registered
      who: Who;
      url: Url;
      payload?: (f: Fixtures) => object;
      /** A multipart upload instead of a JSON payload. */
      file?: { filename: string; content: string };
      expect: 403 | 404 | 400;
      why: string;
    }
  | { kind: 'exempt'; route: string; why: string }
  | { kind: 'todo'; route: string; why: string };
type Probe = Extract<ScopeRow, { kind: 'probe' }>;
export type Url = (f: Fixtures) => string;

/** The probe of a route by each caller: admitted by role, each misses the object by scope. */
export function probe(
  route: string,
  who: Who | Who[],
  url: Url,
  expect: Probe['expect'],
  why: string,
  extra: Pick<Probe, 'payload' | 'file'> = {},
): ScopeRow[] {
  return [who].flat().map((w) => ({ kind: 'probe', route, who: w, url, expect, why, ...extra }));
}

export const api = '/api/v1';
export const reason = () => ({ reason: '越权 out of scope' });
export const comment = () => ({ comment: '越权 out of scope' });

const bankItem = {
  type: 'single',
  stem: '越权修改',
  options: [
    { id: 'A', text: 'a' },
    { id: 'B', text: 'b' },
  ],
  answer: ['A'],
  score: 1,
  difficulty: 0.3,
  occupation: '6-31-01-03',
  level: '4',
  knowledgePoint: '电工-4-对象范围-01',
  province: '310000',
};

export async function buildFixtures(t: TestApp): Promise<{ fixtures: Fixtures; tokens: Map<Who, string> }> {
  const gd = await addInstitution(t, { province: '440000' });
  const sh = await addInstitution(t, { province: '310000' });
  const js = await addInstitution(t, { province: '320000' });
  const tokens = new Map<Who, string>();
  for (const [who, [role, scope]] of Object.entries(callers) as [Who, (typeof callers)[Who]][]) {
    if (who === 'source-mem') tokens.set(who, await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-hosted'));
    else if (who === 'operator-gd') tokens.set(who, await t.tokenFor(role, { institution: gd.id }));
    else if (who === 'operator-js') tokens.set(who, await t.tokenFor(role, { institution: js.id }));
    else tokens.set(who, await t.tokenFor(role, scope));
  }
  const send = async <T = { id: string }>(
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    token = TEST_ADMIN_TOKEN,
  ): Promise<T> => {
    const res = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload && { payload }),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
    return res.json() as T;
  };
  const asSh = tokens.get('admin-310000');

  // The question bank and the joint plan (plans.whole.ts).
  const draft = await send('POST', '/bank/items', bankItem);
  const active = await send('POST', '/bank/items', bankItem);
  await send('POST', `/bank/items/${active.id}/review`, { comment: '审核' }, asSh);
  await send('POST', `/bank/items/${active.id}/activate`, { comment: '启用' }, asSh);
  const joint = await send(
    'POST',
    '/plans',
    planBody({ kind: 'joint', institutionIds: [sh.id, js.id] }),
    asSh,
  );
  const jointSitting = await send('POST', `/plans/${joint.id}/sittings`, sittingBody(sh), asSh);
  await addBankItems(t, 1, { knowledgePoint: '对象范围-组卷', difficulty: 0.2 });
  const assembled = await send<{ papers: { id: string }[] }>(
    'POST',
    `/plans/${joint.id}/papers`,
    {
      occupation: '6-31-01-03',
      level: '4',
      subject: 'theory',
      totalScore: 2,
      rows: [{ knowledgePoint: '对象范围-组卷', type: 'single', difficulty: 'easy', count: 1, scoreEach: 2 }],
    },
    asSh,
  );
  const jointPaper = assembled.papers[0]?.id as string;

  // The registry: a 310000 MEM certificate, its holder, and what the holder's certificates earn in 310000.
  const id = idNumber();
  const certificate = await send<{ id: string; holder: { id: string } }>('POST', '/certificates', {
    type: 'mem.lv-electrician',
    number: `T${id}`,
    holder: { name: '钱七', idType: 'resident', idNumber: id },
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    issuer: { region: '310000', organization: '上海市应急管理局' },
  });
  const holder = certificate.holder.id;
  const { decisionId } = await send<{ decisionId: string }>(
    'GET',
    `/holders/${holder}/recognitions?region=310000`,
  );
  const policies = loadPolicyPacks(path.join(projectRoot, 'policies'), testCatalog());
  const orphan = await createEligibilityChecker({ ...t.registry, policies })(
    null,
    '6-31-01-03',
    '4',
    '310000',
    {
      yearsInOccupation: 6,
    },
  );

  // An open single plan of a Shanghai institution: a candidate registered, their attempt begun.
  const open = await theoryPlan(t, {
    startsAt: '2027-01-20T09:00:00+08:00',
    endsAt: '2027-01-20T11:00:00+08:00',
  });
  const candidate = await registeredCandidate(t, open.planId, open.sittingId);
  // The registration holds its seat, and its result is published (open to appeal).
  await t.db.updateTable('exam_sittings').set({ booked: 1 }).where('id', '=', open.sittingId).execute();
  await addResult(t, candidate.registrationId, open.planId, { published: true });
  const { paperId, itemIds } = await theoryPaper(t, open.planId);
  const attempt = newId();
  await t.db
    .insertInto('exam_attempts')
    .values({
      id: attempt,
      registration_id: candidate.registrationId,
      paper_id: paperId,
      seed: 'object-scope',
      status: 'in-progress',
      started_at: new Date(),
      deadline_at: new Date('2099-01-01T00:00:00Z'),
    })
    .execute();

  const policyDraft = await send<{ version: string }>('POST', '/policies/310000/drafts', {}, asSh);
  // A Shanghai simulation run (issue 16 §2), asked for and left to the test app's queue.
  const simulationSh = await send<{ id: string }>(
    'POST',
    '/policies/310000/simulations',
    { version: policyDraft.version },
    asSh,
  );

  // Supervision: a warning sent to the Shanghai institution, and its answer's attachment.
  const warning = await addWarning(t, { province: '310000', status: 'sent', institutionId: sh.id });
  const action = await t.db
    .insertInto('warning_actions')
    .values({
      warning_id: warning,
      at: new Date(),
      actor_id: null,
      actor_label: 'test',
      action: 'send',
      from_status: 'created',
      to_status: 'sent',
      comment: '请说明',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const attachment = newId();
  await t.db
    .insertInto('warning_attachments')
    .values({
      id: attachment,
      warning_id: warning,
      action_id: String(action.id),
      filename: '说明.txt',
      media_type: 'text/plain',
      size: 2,
      sha256: '0'.repeat(64),
      content: Buffer.from('ok'),
      created_at: new Date(),
    })
    .execute();

  // 一试多证: a MOHURD source of 310000 that issues itself, a request pushed to it, one waiting in MOHURD's queue.
  const sourceSh = 'mohurd-sh-scope';
  await addSource(t, TEST_ADMIN_TOKEN, {
    id: sourceSh,
    nameZh: '上海市建设工程安全质量监督总站（对象范围）',
    nameEn: 'Shanghai construction safety (object scope)',
    department: 'mohurd',
    kind: 'linked',
    url: 'https://zjw.sh.gov.cn/query',
    types: ['mohurd.electrician'],
    region: '310000',
  });
  const outboxRequest = newId();
  await t.db.transaction().execute((trx) =>
    insertIssuanceRequest(trx, {
      id: outboxRequest,
      sourceId: sourceSh,
      planId: open.planId,
      registrationId: candidate.registrationId,
      type: 'mohurd.electrician',
      province: '310000',
      bodyCipher: t.keyring.protector().encrypt('{}'),
      at: new Date(),
    }),
  );
  const person = await t.db
    .selectFrom('exam_registrations as r')
    .innerJoin('certificates as c', 'c.holder_id', 'r.holder_id')
    .select(['r.holder_id', 'c.id as certificate_id'])
    .where('r.id', '=', candidate.registrationId)
    .executeTakeFirstOrThrow();
  const qualificationRequest = newId();
  await t.db
    .insertInto('qualification_requests')
    .values({
      id: qualificationRequest,
      type: 'mohurd.electrician',
      department: 'mohurd',
      province: '310000',
      holder_id: person.holder_id,
      registration_id: candidate.registrationId,
      plan_id: open.planId,
      skill_certificate_id: person.certificate_id,
      arrangement: 'sh.oemc.electrician-4',
      status: 'pending',
      existing_certificate_id: null,
      outbox_request_id: null,
      certificate_id: null,
      refusal_reason: null,
      created_at: new Date(),
      decided_at: null,
      decided_by: null,
    })
    .execute();

  const memAdmin: Principal = {
    via: 'token',
    userId: newId(),
    username: 'mem-importer',
    role: 'department-admin',
    department: 'mem',
    province: null,
    institution: null,
    holderId: null,
  };
  const importJob = await createImportJob(t.registry, memAdmin, {
    filePath: '',
    filename: 'scope.csv',
    acceptValid: false,
    format: 'csv',
    sha256: 'none',
  });

  // 回应关切 (issue 14): a ticket routed to the HRSS office of 310000, with one attachment (a PNG, by its bytes).
  const boundary = '----object-scope-ticket';
  const ticketBody = {
    kind: 'question',
    topic: { kind: 'certificate-type', type: 'mohrss.skill-level' },
    region: '310000',
    text: '对象范围测试 object scope',
    contact: { email: 'scope@example.cn' },
  };
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/tickets',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(ticketBody)}\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x73, 0x63, 0x6f, 0x70, 0x65]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  assert.equal(submitted.statusCode, 201, submitted.body);
  const ticketSh = (
    await t.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', submitted.json().number)
      .executeTakeFirstOrThrow()
  ).id;
  const ticketShAttachment = (
    await t.db
      .selectFrom('ticket_attachments')
      .select('id')
      .where('ticket_id', '=', ticketSh)
      .executeTakeFirstOrThrow()
  ).id;

  return {
    tokens,
    fixtures: {
      bankDraftSh: draft.id,
      bankActiveSh: active.id,
      jointPlan: joint.id,
      jointSitting: jointSitting.id,
      jointPaper,
      institutionSh: sh.id,
      siteSh: sh.siteIds[0] as string,
      certificate: certificate.id,
      holder,
      decision: decisionId,
      orphanDecision: orphan.decisionId,
      openPlan: open.planId,
      openSitting: open.sittingId,
      registration: candidate.registrationId,
      attempt,
      attemptItem: itemIds[0] as string,
      policyDraft: policyDraft.version,
      simulationSh: simulationSh.id,
      warning,
      attachment,
      ticketSh,
      ticketShAttachment,
      sourceSh,
      outboxRequest,
      qualificationRequest,
      importJob,
    },
  };
}
