import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Catalog, CertificateType } from './catalog.model.ts';

/**
 * Which provinces issue a province-designated certificate type (建筑焊工: 建质〔2008〕75号 第三条(七), "经省级以上
 * 人民政府建设主管部门认定的其他特种作业"). The catalog file is the versioned baseline; admins add provinces at run
 * time, stored in `province_designations` with their basis and an audit row.
 */
export interface Designation {
  type: string;
  region: string;
  basis: string;
  source: 'catalog' | 'admin';
  isDemo: boolean;
  designatedOn: string | null;
}

export async function listDesignations(
  db: Kysely<Database>,
  catalog: Catalog,
  type?: string,
): Promise<Designation[]> {
  const fromFile: Designation[] = catalog.provinceDesignations
    .filter((d) => !type || d.type === type)
    .map((d) => ({
      type: d.type,
      region: d.region,
      basis: d.basis,
      source: 'catalog',
      isDemo: d.isDemo,
      designatedOn: null,
    }));
  let q = db.selectFrom('province_designations').selectAll();
  if (type) q = q.where('certificate_type', '=', type);
  const rows = await q.orderBy('certificate_type').orderBy('region').execute();
  const fromDb: Designation[] = rows.map((r) => ({
    type: r.certificate_type,
    region: r.region,
    basis: r.basis,
    source: 'admin',
    isDemo: false,
    designatedOn: r.designated_on,
  }));
  return [...fromFile, ...fromDb];
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

export async function addDesignation(
  db: Kysely<Database>,
  ctx: AuditContext,
  catalog: Catalog,
  input: { type: string; region: string; basis: string; designatedOn: string },
): Promise<Designation> {
  designatableType(catalog, input.type);
  if (!catalog.regionsByCode.has(input.region)) {
    throw new AppError('validation_failed', `unknown region ${input.region}`, [
      { path: 'region', message: 'unknown' },
    ]);
  }
  if (catalog.provinceDesignations.some((d) => d.type === input.type && d.region === input.region)) {
    throw new AppError('conflict', 'already designated in the catalog file');
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('province_designations')
      .values({
        certificate_type: input.type,
        region: input.region,
        basis: input.basis,
        designated_on: input.designatedOn,
        created_at: ctx.at,
        created_by: ctx.actorLabel,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', `${input.region} already issues ${input.type}`);
    const designation: Designation = {
      type: row.certificate_type,
      region: row.region,
      basis: row.basis,
      source: 'admin',
      isDemo: false,
      designatedOn: row.designated_on,
    };
    await appendAudit(trx, ctx, {
      action: 'designation.add',
      targetType: 'province-designation',
      targetId: `${input.type}@${input.region}`,
      after: designation,
    });
    return designation;
  });
}

export async function withdrawDesignation(
  db: Kysely<Database>,
  ctx: AuditContext,
  catalog: Catalog,
  input: { type: string; region: string; reason: string },
): Promise<void> {
  if (catalog.provinceDesignations.some((d) => d.type === input.type && d.region === input.region)) {
    throw new AppError('conflict', 'this designation is in the versioned catalog file; change it there');
  }
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
      before: {
        type: row.certificate_type,
        region: row.region,
        basis: row.basis,
        designatedOn: row.designated_on,
      },
      after: { reason: input.reason },
    });
  });
}

/** `type@region` for every designation, file and database: the check the registry applies on every write. */
export async function designatedSet(db: Kysely<Database>, catalog: Catalog): Promise<Set<string>> {
  return new Set((await listDesignations(db, catalog)).map((d) => `${d.type}@${d.region}`));
}
