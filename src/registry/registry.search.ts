import { type Expression, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { todayInChina } from '../shared/clock.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { AppError } from '../shared/errors.ts';
import { idTypes, normalizeIdNumber, normalizeName } from './identity.ts';
import type { CertificateView } from './registry.model.ts';
import { holderIndexes } from './registry.protect.ts';
import type { RegistryDeps } from './registry.service.ts';
import { type CertificateWithHolder, selectCertificates } from './registry.store.ts';
import { toCertificateView } from './registry.views.ts';

const isoDate = z.iso.date();

/** Filters of the admin list (issue 3 §4). A POST body: ID numbers never go into URLs (design.md). */
export const certificateFilterSchema = z.strictObject({
  idNumber: z.string().max(32).optional(),
  idType: z.enum(idTypes).default('resident'),
  name: z.string().max(64).optional(),
  type: z.string().max(64).optional(),
  department: z.enum(['mohrss', 'mohurd', 'mem', 'samr']).optional(),
  status: z.enum(['valid', 'suspended', 'revoked', 'expired', 'not-yet-valid']).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  validFromFrom: isoDate.optional(),
  validFromTo: isoDate.optional(),
  validUntilFrom: isoDate.optional(),
  validUntilTo: isoDate.optional(),
  sort: z.enum(['updatedAt', 'validFrom', 'validUntil', 'type']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CertificateFilter = z.infer<typeof certificateFilterSchema>;

export const searchSchema = certificateFilterSchema.extend({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

// The sort key as an expression; valid_until is null for certificates that never expire: they sort last.
const sortExpr = {
  updatedAt: sql<string>`c.updated_at`,
  validFrom: sql<string>`c.valid_from`,
  validUntil: sql<string>`coalesce(c.valid_until, date '9999-12-31')`,
  type: sql<string>`c.type`,
} as const;

function sortValue(row: CertificateWithHolder, sort: CertificateFilter['sort']): string {
  switch (sort) {
    case 'updatedAt':
      return row.updated_at.toISOString();
    case 'validFrom':
      return row.valid_from;
    case 'validUntil':
      return row.valid_until ?? '9999-12-31';
    case 'type':
      return row.type;
  }
}

/** The scope a caller's list is limited to, as SQL conditions. */
function scopeConditions(principal: Principal): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  switch (principal.role) {
    case 'department-admin':
      out.push(sql<SqlBool>`c.department = ${principal.department}`);
      if (principal.province) out.push(sql<SqlBool>`c.issuer_region = ${principal.province}`);
      break;
    case 'province-admin':
    case 'supervisor':
      if (principal.province) out.push(sql<SqlBool>`c.issuer_region = ${principal.province}`);
      break;
    case 'holder':
      out.push(sql<SqlBool>`c.holder_id = ${principal.holderId}`);
      break;
    case 'institution-operator':
      out.push(sql<SqlBool>`false`);
      break;
    case 'system-admin':
      break;
  }
  return out;
}

export function buildSearchQuery(deps: RegistryDeps, principal: Principal, filter: CertificateFilter) {
  const today = todayInChina(deps.clock);
  const where = scopeConditions(principal);
  if (filter.idNumber) {
    const id = normalizeIdNumber(filter.idType, filter.idNumber);
    if (!id.ok)
      throw new AppError('validation_failed', id.message, [{ path: 'body.idNumber', message: id.code }]);
    const indexes = holderIndexes(deps.keyring.protector(), filter.idType, id.value);
    where.push(sql<SqlBool>`h.id_index in (${sql.join(indexes)})`);
  }
  if (filter.name) {
    const name = normalizeName(filter.name);
    if (!name.ok)
      throw new AppError('validation_failed', name.message, [{ path: 'body.name', message: name.code }]);
    where.push(sql<SqlBool>`h.name like ${`${name.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  if (filter.type) where.push(sql<SqlBool>`c.type = ${filter.type}`);
  if (filter.department) where.push(sql<SqlBool>`c.department = ${filter.department}`);
  if (filter.region) where.push(sql<SqlBool>`c.issuer_region = ${filter.region}`);
  if (filter.validFromFrom) where.push(sql<SqlBool>`c.valid_from >= ${filter.validFromFrom}`);
  if (filter.validFromTo) where.push(sql<SqlBool>`c.valid_from <= ${filter.validFromTo}`);
  if (filter.validUntilFrom) where.push(sql<SqlBool>`c.valid_until >= ${filter.validUntilFrom}`);
  if (filter.validUntilTo) where.push(sql<SqlBool>`c.valid_until <= ${filter.validUntilTo}`);
  switch (filter.status) {
    case 'valid':
      where.push(
        sql<SqlBool>`c.status = 'valid' and c.valid_from <= ${today} and (c.valid_until is null or c.valid_until >= ${today})`,
      );
      break;
    case 'expired':
      where.push(sql<SqlBool>`c.status = 'valid' and c.valid_until < ${today}`);
      break;
    case 'not-yet-valid':
      where.push(sql<SqlBool>`c.status = 'valid' and c.valid_from > ${today}`);
      break;
    case 'suspended':
    case 'revoked':
      where.push(sql<SqlBool>`c.status = ${filter.status}`);
      break;
    case undefined:
      break;
  }
  let q = selectCertificates(deps.db);
  for (const w of where) q = q.where(w);
  return q;
}

/** One page, keyset-paginated on (sort key, id) so deep pages cost the same as the first. */
export async function searchCertificates(
  deps: RegistryDeps,
  principal: Principal,
  input: z.infer<typeof searchSchema>,
): Promise<{ items: CertificateView[]; next?: string }> {
  const rows = await pageRows(deps, principal, input, input.limit, input.cursor);
  const today = todayInChina(deps.clock);
  const page = rows.slice(0, input.limit);
  const items = page.map((r) => toCertificateView(r, today, deps.catalog));
  const last = page.at(-1);
  return rows.length > input.limit && last
    ? { items, next: encodeCursor(sortValue(last, input.sort), last.id) }
    : { items };
}

export async function pageRows(
  deps: RegistryDeps,
  principal: Principal,
  filter: CertificateFilter,
  limit: number,
  cursor?: string,
): Promise<CertificateWithHolder[]> {
  const expr = sortExpr[filter.sort];
  const dir = filter.order === 'asc' ? sql`asc` : sql`desc`;
  let q = buildSearchQuery(deps, principal, filter);
  if (cursor) {
    const [value, id] = decodeCursor(cursor, 'body.cursor');
    const cmp = filter.order === 'asc' ? sql`>` : sql`<`;
    const typed =
      filter.sort === 'updatedAt'
        ? sql`${value}::timestamptz`
        : filter.sort === 'type'
          ? sql`${value}`
          : sql`${value}::date`;
    q = q.where(sql<SqlBool>`(${expr}, c.id) ${cmp} (${typed}, ${id}::uuid)`);
  }
  return q
    .orderBy(sql`${expr} ${dir}`)
    .orderBy(sql`c.id ${dir}`)
    .limit(limit + 1)
    .execute();
}

/** Every row of a filter, a page at a time (exports): bounded memory whatever the result size. */
export async function* iterateCertificates(
  deps: RegistryDeps,
  principal: Principal,
  filter: CertificateFilter,
  pageSize = 1000,
): AsyncGenerator<CertificateView> {
  const today = todayInChina(deps.clock);
  let cursor: string | undefined;
  for (;;) {
    const rows = await pageRows(deps, principal, filter, pageSize, cursor);
    const page = rows.slice(0, pageSize);
    for (const r of page) yield toCertificateView(r, today, deps.catalog);
    const last = page.at(-1);
    if (rows.length <= pageSize || !last) return;
    cursor = encodeCursor(sortValue(last, filter.sort), last.id);
  }
}
