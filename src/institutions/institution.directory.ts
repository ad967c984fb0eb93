import type { Principal } from '../accounts/accounts.model.ts';
import { findAuditPage } from '../audit/audit.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { AppError } from '../shared/errors.ts';
import type {
  InstitutionHistoryEntry,
  InstitutionView,
  ListInstitutionsInput,
  PublicInstitutionView,
} from './institution.model.ts';
import { canOverseeInstitution } from './institution.rules.ts';
import type { InstitutionsDeps } from './institution.service.ts';
import { getInstitution, searchInstitutions } from './institution.store.ts';
import { toInstitutionView, toPublicInstitutionView } from './institution.views.ts';

const overseers = new Set(['system-admin', 'province-admin', 'supervisor']);

/**
 * 机构查询 (issue 6 §1; design.md `GET /api/v1/institutions`). Everyone sees the institutions whose filing is
 * active today, in their public view. A `status` filter is for overseers: system admins everywhere, a province
 * admin or provincial supervisor in their province; they get the full view.
 */
export async function listInstitutions(
  deps: InstitutionsDeps,
  principal: Principal | null,
  query: ListInstitutionsInput,
): Promise<{ items: Array<InstitutionView | PublicInstitutionView>; next?: string }> {
  const isOverseeing = query.status !== undefined;
  if (isOverseeing && !principal)
    throw new AppError('unauthenticated', 'log in to filter institutions by status');
  if (isOverseeing && principal && !overseers.has(principal.role))
    throw new AppError('forbidden', `role ${principal.role} may not filter institutions by status`);
  const today = todayInChina(deps.clock);
  const province = isOverseeing && principal?.role !== 'system-admin' ? principal?.province : undefined;
  const rows = await searchInstitutions(deps.db, {
    occupation: query.occupation,
    level: query.level,
    region: query.region,
    name: query.name,
    status: query.status ?? 'active',
    province: province ?? undefined,
    today,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    // One more than asked: whether it exists says whether there is a next page.
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const items = page.map((i) => {
    const view = toInstitutionView(i, deps.catalog, today);
    return isOverseeing ? view : toPublicInstitutionView(view);
  });
  const last = page.at(-1);
  return rows.length > query.limit && last ? { items, next: encodeCursor(last.name, last.id) } : { items };
}

/**
 * One institution: the public view while its filing is active; the full view, in any status, to its overseers and
 * its own operators. Otherwise it does not exist for the caller.
 */
export async function getInstitutionView(
  deps: InstitutionsDeps,
  principal: Principal | null,
  id: string,
): Promise<InstitutionView | PublicInstitutionView> {
  const institution = await getInstitution(deps.db, id);
  if (!institution) throw new AppError('not_found', 'no such institution');
  const view = toInstitutionView(institution, deps.catalog, todayInChina(deps.clock));
  const isOwn = principal?.role === 'institution-operator' && principal.institution === id;
  if (principal && (isOwn || canOverseeInstitution(principal, institution.province))) return view;
  if (view.status === 'active') return toPublicInstitutionView(view);
  throw new AppError('not_found', 'no such institution');
}

/** The filing's trail from the audit log (each with before/after and the reason given), oldest first. */
export async function getInstitutionHistory(
  deps: InstitutionsDeps,
  principal: Principal,
  id: string,
): Promise<InstitutionHistoryEntry[]> {
  const institution = await getInstitution(deps.db, id);
  if (!institution || !canOverseeInstitution(principal, institution.province))
    throw new AppError('not_found', 'no such institution');
  const rows = await findAuditPage(deps.db, {
    targetType: 'institution',
    targetId: id,
    limit: 1000,
    order: 'asc',
  });
  return rows.map((r) => {
    const after = r.after as { reason?: unknown } | null;
    return {
      position: r.position,
      at: r.at.toISOString(),
      actor: r.actor_label,
      action: r.action,
      reason: typeof after?.reason === 'string' ? after.reason : null,
      before: r.before ?? null,
      after: r.after ?? null,
    };
  });
}
