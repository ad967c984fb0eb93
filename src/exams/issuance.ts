import { sql, type Transaction } from 'kysely';
import type { AuditContext } from '../audit/audit.store.ts';
import { validityRuleFor } from '../catalog/catalog.rules.ts';
import type { Database } from '../db/schema.ts';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import { findPublishedInForce } from '../recognition/policy.store.ts';
import type { OneExamMultiCert, ProvincialPack } from '../recognition/recognition.model.ts';
import { addDays, addYears } from '../registry/registry.rules.ts';
import { checkCertificateInput, writeNewCertificate } from '../registry/registry.service.ts';
import { findProvince } from '../shared/identifiers.ts';
import { requestIssuance } from '../sources/outbox.service.ts';
import { linkedSourceFor } from '../sources/sources.rules.ts';
import { findLinkedSources } from '../sources/sources.store.ts';
import { appendExamEvent } from './events.ts';
import { skillNumberPrefix, withSerial } from './results.rules.ts';

/**
 * Issuance (issue 7 §5): the skill-level certificate with its 22-character number, written into the registry in the
 * caller's transaction — so the public query, credentials and recognition see it at once — and, where the
 * province's pack has a 一试多证 arrangement for the occupation and level, the qualification certificate too: in the
 * same transaction when Hutong hosts that department's data, or — when a linked source (the department issuing
 * itself) serves that type there — as an `issuance.requested` event and, if the source has an issuance endpoint, a
 * request in the outbox (`sources/outbox.*`), written in this same transaction and delivered by the outbox worker.
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

/** A MOHURD special-operation number: 省简称 + city letter + trade code + year + serial (catalog number format). */
async function qualificationNumber(
  trx: Transaction<Database>,
  type: string,
  province: string,
  issuedOn: string,
) {
  const short = findProvince(province)?.short;
  if (!short || !type.startsWith('mohurd.')) return null;
  const prefix = `${short}A01${issuedOn.slice(0, 4)}`;
  return withSerial(prefix, await nextSerial(trx, `${type}:${prefix}`));
}

export interface Issued {
  skill: { id: string; number: string };
  alsoIssued: { type: string; id: string; number: string }[];
  /** `request`: the outbox row, when the linked source has an issuance endpoint to push it to. */
  requested: { type: string; source: string; request: string | null }[];
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
  const result: Issued = { skill: { id: skillId, number }, alsoIssued: [], requested: [] };
  const arrangement = await arrangementFor(
    deps,
    trx,
    t.institution.province,
    t.occupation,
    t.level,
    issuedOn,
  );
  for (const type of arrangement?.issues ?? []) {
    if (type === 'mohrss.skill-level') continue;
    const linked = linkedSourceFor(await findLinkedSources(trx), type, t.institution.province);
    if (linked) {
      const request = linked.issuanceUrl
        ? await requestIssuance(deps, trx, ctx, {
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
      result.requested.push({ type, source: linked.id, request });
      await appendExamEvent(trx, ctx, {
        kind: 'issuance.requested',
        institutionId: t.institution.id,
        planId: t.planId,
        province: t.institution.province,
        subjectType: 'registration',
        subjectId: t.registrationId,
        // Ids only: the name and ID number travel in the sealed request.
        payload: {
          type,
          source: linked.id,
          arrangement: arrangement?.id,
          skillCertificate: skillId,
          request,
        },
      });
      continue;
    }
    const qNumber = await qualificationNumber(trx, type, t.institution.province, issuedOn);
    if (!qNumber) throw new Error(`no number rule for ${type}: name a linked source that issues it instead`);
    const catalogType = deps.catalog.certificateTypesById.get(type);
    const years = catalogType ? validityRuleFor(catalogType, t.institution.province, issuedOn).years : null;
    const validUntil = years ? addDays(addYears(issuedOn, years), -1) : undefined;
    const facts = await checkCertificateInput(
      deps,
      {
        type,
        number: qNumber,
        holder,
        validFrom: issuedOn,
        ...(validUntil && { validUntil }),
        issuer: {
          region: t.institution.province,
          organization: `${findProvince(t.institution.province)?.short ?? ''}住房城乡建设主管部门（一试多证）`,
        },
        status: 'valid',
      },
      trx,
    );
    result.alsoIssued.push({ type, id: await writeNewCertificate(deps, trx, ctx, facts), number: qNumber });
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
      alsoIssued: result.alsoIssued.map((c) => ({ type: c.type, certificate: c.id })),
      requested: result.requested,
      arrangement: arrangement?.id ?? null,
    },
  });
  return result;
}
