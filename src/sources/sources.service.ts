import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import { createToken } from '../accounts/accounts.service.ts';
import { getUserByUsername, insertUser, toUserView } from '../accounts/accounts.store.ts';
import type { SecretHashing } from '../accounts/secrets.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type {
  CreateSourceInput,
  ListSourcesInput,
  Source,
  SourceView,
  UpdateSourceInput,
} from './sources.model.ts';
import {
  findSources,
  getSource,
  insertSource,
  type SourceDirectory,
  toSourceView,
  updateSourceRow,
} from './sources.store.ts';

export interface SourcesDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
  directory: SourceDirectory;
  /** How the token is hashed (the install's crypto profile). */
  secrets: () => SecretHashing;
}

/** Department admins read their department's sources (a provincial admin: national ones and its province's). */
export function canReadSource(principal: Principal, source: Pick<Source, 'department' | 'region'>): boolean {
  return (
    principal.role === 'system-admin' ||
    (principal.role === 'department-admin' &&
      coversScope(principal, { department: source.department, province: source.region ?? undefined }))
  );
}

/** …and manage those of their scope: a provincial admin its province's, not the national ones. */
export function canManageSource(
  principal: Principal,
  source: Pick<Source, 'department' | 'region'>,
): boolean {
  return (
    principal.role === 'system-admin' ||
    (principal.role === 'department-admin' &&
      coversScope(principal, { department: source.department, province: source.region }))
  );
}

function assertManage(principal: Principal, source: Pick<Source, 'department' | 'region'>) {
  if (!canManageSource(principal, source)) throw new AppError('forbidden', 'outside your scope');
}

async function loadSource(db: Kysely<Database>, principal: Principal, id: string): Promise<Source> {
  const source = await getSource(db, id);
  if (!source) throw new AppError('not_found', 'no such source');
  if (!canReadSource(principal, source)) throw new AppError('forbidden', 'outside your scope');
  return source;
}

/** The types must be catalog types of the source's department. */
function checkTypes(catalog: Catalog, department: string, types: readonly string[]): void {
  const details: ErrorDetail[] = [];
  types.forEach((id, i) => {
    const type = catalog.certificateTypesById.get(id);
    if (!type) details.push({ path: `body.types.${i}`, message: `unknown-type: ${id}` });
    else if (type.department !== department)
      details.push({
        path: `body.types.${i}`,
        message: `other-department: ${id} is a ${type.department} type`,
      });
  });
  if (details.length > 0) throw new AppError('validation_failed', 'the source covers unknown types', details);
}

export async function listSources(
  deps: SourcesDeps,
  principal: Principal,
  filter: ListSourcesInput,
): Promise<{ items: SourceView[]; next?: string }> {
  let department = filter.department;
  if (principal.role === 'department-admin') {
    if (department && department !== principal.department)
      throw new AppError('forbidden', 'outside your scope');
    department = principal.department as typeof department;
  }
  const rows = await findSources(deps.db, { ...filter, department });
  const last = rows.length === filter.limit ? rows.at(-1)?.id : undefined;
  const items = rows.filter((s) => canReadSource(principal, s)).map(toSourceView);
  return last ? { items, next: last } : { items };
}

export async function getSourceView(
  deps: SourcesDeps,
  principal: Principal,
  id: string,
): Promise<SourceView> {
  return toSourceView(await loadSource(deps.db, principal, id));
}

export async function createSource(
  deps: SourcesDeps,
  ctx: AuditContext,
  principal: Principal,
  input: CreateSourceInput,
): Promise<SourceView> {
  const source: Source = {
    id: input.id,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    department: input.department,
    kind: input.kind,
    url: input.url ?? null,
    deepLinkTemplate: input.deepLinkTemplate ?? null,
    types: input.types,
    region: input.region ?? null,
    // A linked registration is as fresh as its last edit; a hosted source is fresh once data arrives.
    lastUpdateAt: input.kind === 'linked' ? ctx.at : null,
    issuanceUrl: null,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
  assertManage(principal, source);
  checkTypes(deps.catalog, source.department, source.types);
  const view = await deps.db.transaction().execute(async (trx) => {
    if (await getSource(trx, source.id)) {
      throw new AppError('conflict', `source ${source.id} exists`, [
        { path: 'body.id', message: 'duplicate' },
      ]);
    }
    await insertSource(trx, source);
    const after = toSourceView(source);
    await appendAudit(trx, ctx, {
      action: 'source.create',
      targetType: 'source',
      targetId: source.id,
      after,
    });
    return after;
  });
  deps.directory.invalidate();
  return view;
}

export async function updateSource(
  deps: SourcesDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  patch: UpdateSourceInput,
): Promise<SourceView> {
  const view = await deps.db.transaction().execute(async (trx) => {
    const before = await getSource(trx, id, true);
    if (!before) throw new AppError('not_found', 'no such source');
    assertManage(principal, before);
    const source: Source = {
      ...before,
      ...(patch.nameZh !== undefined && { nameZh: patch.nameZh }),
      ...(patch.nameEn !== undefined && { nameEn: patch.nameEn }),
      ...(patch.url !== undefined && { url: patch.url }),
      ...(patch.deepLinkTemplate !== undefined && { deepLinkTemplate: patch.deepLinkTemplate }),
      ...(patch.types !== undefined && { types: patch.types }),
      ...(patch.region !== undefined && { region: patch.region }),
      lastUpdateAt: before.kind === 'linked' ? ctx.at : before.lastUpdateAt,
      updatedAt: ctx.at,
    };
    // The new scope must still be the caller's: a provincial admin cannot make a source national.
    assertManage(principal, source);
    if (source.kind === 'linked' && !source.url) {
      throw new AppError('validation_failed', 'a linked source needs its query site URL', [
        { path: 'body.url', message: 'required' },
      ]);
    }
    if (source.kind === 'hosted' && source.deepLinkTemplate) {
      throw new AppError('validation_failed', 'a hosted source answers with data, not links', [
        { path: 'body.deepLinkTemplate', message: 'not-applicable' },
      ]);
    }
    if (patch.types) checkTypes(deps.catalog, source.department, patch.types);
    await updateSourceRow(trx, source);
    const after = toSourceView(source);
    await appendAudit(trx, ctx, {
      action: 'source.update',
      targetType: 'source',
      targetId: id,
      before: toSourceView(before),
      after,
    });
    return after;
  });
  deps.directory.invalidate();
  return view;
}

/**
 * An API token bound to a hosted source, for the department system that pushes its data (issue 5 §2). It belongs
 * to the source's service account `source.<id>` (a department admin of the source's department and province,
 * without a password, so it cannot log in), created with the first token; the auth plugin lets a source-bound
 * token call the push API only. The secret is in this answer only.
 */
export async function createSourceToken(
  deps: SourcesDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: { label: string; expiresInDays?: number | undefined },
) {
  const source = await loadSource(deps.db, principal, id);
  assertManage(principal, source);
  if (source.kind !== 'hosted') {
    throw new AppError(
      'rule_violation',
      'a linked source has no data to push; only hosted sources get tokens',
    );
  }
  const username = `source.${source.id}`;
  const userId = await deps.db.transaction().execute(async (trx) => {
    const existing = await getUserByUsername(trx, username);
    if (existing) return existing.id;
    const user = await insertUser(trx, {
      id: newId(),
      username,
      display_name: `${source.nameZh} ${source.nameEn} (push)`,
      password_hash: null,
      role: 'department-admin',
      department: source.department,
      province: source.region,
      institution: null,
      holder_id: null,
      is_active: true,
      failed_logins: 0,
      locked_until: null,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    await appendAudit(trx, ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      after: { ...toUserView(user), source: source.id },
    });
    return user.id;
  });
  return createToken(deps.db, ctx, userId, { ...input, sourceId: source.id }, deps.secrets());
}
