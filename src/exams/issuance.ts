import { sql, type Transaction } from 'kysely';
import type { AuditContext } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { openRequest } from '../issuance/issuance.service.ts';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import { findPublishedInForce } from '../recognition/policy.store.ts';
import type { OneExamMultiCert, ProvincialPack } from '../recognition/recognition.model.ts';
import { checkCertificateInput, writeNewCertificate } from '../registry/registry.service.ts';
import { requestIssuance } from '../sources/outbox.service.ts';
import { linkedSourceFor } from '../sources/sources.rules.ts';
import { findLinkedSources } from '../sources/sources.store.ts';
import { appendExamEvent } from './events.ts';
import { skillNumberPrefix, withSerial } from './results.rules.ts';

/**
 * Issuance (issue 7 §5): the skill-level certificate with its 22-character number, written into the registry in the
 * caller's transaction — so the public query, credentials and recognition see it at once — and, where the
 * province's pack has a 一试多证 arrangement for the occupation and level, a request to the department that issues
 * each other certificate of it (issue 13 item 8, `issuance/`): Hutong never numbers another department's
 * certificate. The request waits in that department's console queue and, when a linked source of the department
 * has an issuance endpoint, is also pushed through the outbox (`sources/outbox.*`), written in this same
 * transaction and delivered by the outbox worker; the qualification enters the registry when the department
 * confirms it with its own number. A candidate already holding it valid gets an `already-held` request instead.
 */
export async function nextSerial(trx: Transaction<Database>, prefix: string): Promise<number> {
  // One atomic upsert: concurrent issuers each get their own serial (the row lock orders them).
  const row = await sql<{
    last: number;
  }>`insert into certificate_sequences (prefix, last) values (${prefix}, 1)
    on conflict (prefix) do update set last = certificate_sequences.last + 1 returning last`.execute(trx);
  const last = row.rows[0]?.last;
  if (last === undefined) throw new Error('no serial');
  return Number(last);
}

export interface IssueTarget {
  registrationId: string;
  planId: string;
  occupation: string;
  level: string;
  institution: { id: string; code: string; name: string; province: string };
  holder: { name: string; idType: string; idNumber: string };
}

/** The province's 一试多证 arrangement in force for the occupation and level, if any. */
export async function arrangementFor(
  deps: Pick<PolicyDeps, 'policies'>,
  db: Transaction<Database>,
  province: string,
  occupation: string,
  level: string,
  asOf: string,
): Promise<OneExamMultiCert | undefined> {
  const row = await findPublishedInForce(db, province, asOf);
  const pack = (row?.pack as ProvincialPack | undefined) ?? deps.policies.provinces.get(province);
  return pack?.oneExamMultiCert.find(
    (a) =>
      a.occupation === occupation &&
      a.level === level &&
      a.effectiveFrom <= asOf &&
      (a.effectiveUntil === null || a.effectiveUntil === undefined || a.effectiveUntil >= asOf),
  );
}

export interface Issued {
  skill: { id: string; number: string };
  /**
   * One per other certificate of the 一试多证 arrangement: the request to its department (`id`), `pending` or
   * `already-held` (with the certificate held); `source` and `request` when pushed to a linked source's endpoint.
   */
  requested: {
    type: string;
    id: string;
    status: 'pending' | 'already-held';
    existingCertificate: string | null;
    source: string | null;
    request: string | null;
  }[];
}

export async function issueFor(
  deps: PolicyDeps,
  trx: Transaction<Database>,
  ctx: AuditContext,
  t: IssueTarget,
  issuedOn: string,
): Promise<Issued> {
  const prefix = skillNumberPrefix(t.institution.code, issuedOn, t.level);
  const number = withSerial(prefix, await nextSerial(trx, prefix));
  const issuer = { region: t.institution.province, organization: t.institution.name };
  const holder = { name: t.holder.name, idType: t.holder.idType as 'resident', idNumber: t.holder.idNumber };
  const skillFacts = await checkCertificateInput(
    deps,
    {
      type: 'mohrss.skill-level',
      number,
      holder,
      validFrom: issuedOn,
      issuer,
      occupation: t.occupation,
      level: t.level as '4',
      status: 'valid',
    },
    trx,
  );
  const skillId = await writeNewCertificate(deps, trx, ctx, skillFacts);
  const result: Issued = { skill: { id: skillId, number }, requested: [] };
  const arrangement = await arrangementFor(
    deps,
    trx,
    t.institution.province,
    t.occupation,
    t.level,
    issuedOn,
  );
  const holderId = (
    await trx
      .selectFrom('certificates')
      .select('holder_id')
      .where('id', '=', skillId)
      .executeTakeFirstOrThrow()
  ).holder_id;
  for (const type of arrangement?.issues ?? []) {
    if (type === 'mohrss.skill-level') continue;
    // Hutong never numbers another department's certificate (issue 13 item 8): the department decides the request.
    const linked = linkedSourceFor(await findLinkedSources(trx), type, t.institution.province);
    const push = async () =>
      linked?.issuanceUrl
        ? requestIssuance(deps, trx, ctx, {
            sourceId: linked.id,
            body: {
              type,
              arrangement: arrangement?.id ?? null,
              province: t.institution.province,
              issuedOn,
              holder,
              exam: {
                plan: t.planId,
                registration: t.registrationId,
                occupation: t.occupation,
                level: t.level,
              },
              institution: { code: t.institution.code, name: t.institution.name },
              skillCertificate: { id: skillId, number },
            },
          })
        : null;
    const opened = await openRequest(
      deps,
      trx,
      ctx,
      {
        type,
        province: t.institution.province,
        holderId,
        registrationId: t.registrationId,
        planId: t.planId,
        skillCertificateId: skillId,
        arrangement: arrangement?.id ?? null,
        issuedOn,
      },
      push,
    );
    result.requested.push({
      type,
      id: opened.id,
      status: opened.status,
      existingCertificate: opened.existingCertificate,
      source: linked?.id ?? null,
      request: opened.outboxRequest,
    });
    await appendExamEvent(trx, ctx, {
      kind: 'issuance.requested',
      institutionId: t.institution.id,
      planId: t.planId,
      province: t.institution.province,
      subjectType: 'registration',
      subjectId: t.registrationId,
      // Ids only: the name and ID number stay in the holders table (and the sealed outbox body).
      payload: {
        type,
        status: opened.status,
        source: linked?.id ?? null,
        arrangement: arrangement?.id,
        skillCertificate: skillId,
        qualificationRequest: opened.id,
        request: opened.outboxRequest,
        existingCertificate: opened.existingCertificate,
      },
    });
  }
  await appendExamEvent(trx, ctx, {
    kind: 'certificate.issued',
    institutionId: t.institution.id,
    planId: t.planId,
    province: t.institution.province,
    subjectType: 'registration',
    subjectId: t.registrationId,
    payload: {
      certificate: skillId,
      requested: result.requested,
      arrangement: arrangement?.id ?? null,
    },
  });
  return result;
}
