import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { policyInputsChanged } from '../recognition/policy.generation.ts';
import { AppError } from '../shared/errors.ts';
import type { Catalog, CertificateType } from './catalog.model.ts';

/**
 * Which provinces issue a province-designated certificate type (建筑焊工: 建质〔2008〕75号 第三条(七), "经省级以上
 * 人民政府建设主管部门认定的其他特种作业"). This is real data kept by the issuing department's admins (住建), per
 * province, versioned and audited (issue 13 §4): "issued" or "not issued"; a province with no record is unknown, and
 * the recognition engine says so rather than guessing. Demo rows (seeded only with the embedded demo) say so.
 */
export type DesignationStatus = 'issued' | 'not-issued';

export interface Designation {
  type: string;
  region: string;
  status: DesignationStatus;
  basis: string;
  isDemo: boolean;
  designatedOn: string;
  /** 1 for the first record of (type, region), +1 on each change. */
  version: number;
}

type Row = {
  certificate_type: string;
  region: string;
  status: string;
  basis: string;
  is_demo: boolean;
  designated_on: string;
  version: number;
};

const fromRow = (r: Row): Designation => ({
  type: r.certificate_type,
  region: r.region,
  status: r.status as DesignationStatus,
  basis: r.basis,
  isDemo: r.is_demo,
  designatedOn: r.designated_on,
  version: r.version,
});

export async function listDesignations(db: Kysely<Database>, type?: string): Promise<Designation[]> {
  let q = db.selectFrom('province_designations').selectAll();
  if (type) q = q.where('certificate_type', '=', type);
  const rows = await q.orderBy('certificate_type').orderBy('region').execute();
  return rows.map(fromRow);
}

/** The certificate type a designation is about; it must be one issued only where a province designates it. */
export function designatableType(catalog: Catalog, id: string): CertificateType {
  const type = catalog.certificateTypesById.get(id);
  if (!type)
    throw new AppError('validation_failed', `unknown certificate type ${id}`, [
      { path: 'type', message: 'unknown' },
    ]);
  if (!type.issuedOnlyWhereDesignated) {
    throw new AppError('validation_failed', `${id} is issued nationwide, not by province designation`, [
      { path: 'type', message: 'not province-designated' },
    ]);
  }
  return type;
}

/**
 * Records whether a province issues the type: a new record, or a change of one (its version goes up). The same
 * facts again change nothing and write no audit row.
 */
export async function setDesignation(
  db: Kysely<Database>,
  ctx: AuditContext,
  catalog: Catalog,
  input: {
    type: string;
    region: string;
    status: DesignationStatus;
    basis: string;
    designatedOn: string;
    isDemo?: boolean;
  },
): Promise<{ designation: Designation; created: boolean }> {
  designatableType(catalog, input.type);
  if (!catalog.regionsByCode.has(input.region) || !input.region.endsWith('0000')) {
    throw new AppError('validation_failed', `unknown province ${input.region}`, [
      { path: 'region', message: 'not a province code' },
    ]);
  }
  const result = await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('province_designations')
      .selectAll()
      .where('certificate_type', '=', input.type)
      .where('region', '=', input.region)
      .forUpdate()
      .executeTakeFirst();
    const isDemo = input.isDemo ?? false;
    if (
      before &&
      before.status === input.status &&
      before.basis === input.basis &&
      before.designated_on === input.designatedOn &&
      before.is_demo === isDemo
    ) {
      return { designation: fromRow(before), created: false };
    }
    const row = before
      ? await trx
          .updateTable('province_designations')
          .set({
            status: input.status,
            basis: input.basis,
            designated_on: input.designatedOn,
            is_demo: isDemo,
            version: before.version + 1,
            created_at: ctx.at,
            created_by: ctx.actorLabel,
          })
          .where('certificate_type', '=', input.type)
          .where('region', '=', input.region)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('province_designations')
          .values({
            certificate_type: input.type,
            region: input.region,
            status: input.status,
            basis: input.basis,
            designated_on: input.designatedOn,
            is_demo: isDemo,
            created_at: ctx.at,
            created_by: ctx.actorLabel,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    const designation = fromRow(row);
    await appendAudit(trx, ctx, {
      action: before ? 'designation.change' : 'designation.add',
      targetType: 'province-designation',
      targetId: `${input.type}@${input.region}`,
      ...(before && { before: fromRow(before) }),
      after: designation,
    });
    return { designation, created: !before };
  });
  policyInputsChanged();
  return result;
}

/** Removes the record: the province goes back to unknown. */
export async function withdrawDesignation(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: { type: string; region: string; reason: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('province_designations')
      .where('certificate_type', '=', input.type)
      .where('region', '=', input.region)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'no such designation');
    await appendAudit(trx, ctx, {
      action: 'designation.withdraw',
      targetType: 'province-designation',
      targetId: `${input.type}@${input.region}`,
      before: fromRow(row),
      after: { reason: input.reason },
    });
  });
  policyInputsChanged();
}

/** `type@region` known NOT to be issued there: the registry refuses those rows; unknown ones it accepts. */
export async function notIssuedSet(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('province_designations')
    .select(['certificate_type', 'region'])
    .where('status', '=', 'not-issued')
    .execute();
  return new Set(rows.map((d) => `${d.certificate_type}@${d.region}`));
}
