import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Institution, InstitutionView, Site, UpdateInstitutionInput } from './institution.model.ts';
import { isSiteInProvince } from './institution.rules.ts';
import { checkScopes, type InstitutionsDeps, loadForChange, record } from './institution.service.ts';
import {
  deleteSites,
  getInstitution,
  insertSites,
  replaceScopes,
  sitesInUse,
  updateInstitutionRow,
  updateSites,
} from './institution.store.ts';
import { toInstitutionView } from './institution.views.ts';

/** Sites after an edit: listed ones with an id are edited, without one added, the rest removed. */
async function nextSites(
  trx: Transaction<Database>,
  before: Institution,
  given: NonNullable<UpdateInstitutionInput['sites']>,
): Promise<{ sites: Site[]; added: Site[]; edited: Site[]; removed: string[] }> {
  const existing = new Set(before.sites.map((s) => s.id));
  const details: ErrorDetail[] = [];
  given.forEach((s, i) => {
    if (s.id && !existing.has(s.id)) details.push({ path: `body.sites.${i}.id`, message: 'unknown-site' });
    if (!isSiteInProvince(before.province, s.region))
      details.push({ path: `body.sites.${i}.region`, message: `outside-province: ${before.province}` });
  });
  if (details.length > 0) throw new AppError('validation_failed', 'invalid sites', details);
  const sites = given.map((s) => ({
    id: s.id ?? newId(),
    name: s.name,
    address: s.address,
    region: s.region,
  }));
  const kept = new Set(sites.map((s) => s.id));
  const removed = before.sites.filter((s) => !kept.has(s.id)).map((s) => s.id);
  const inUse = await sitesInUse(trx, removed);
  if (inUse.length > 0)
    throw new AppError('conflict', 'a site with exam sittings cannot be removed', [
      { path: 'body.sites', message: `site-in-use: ${inUse.join(', ')}` },
    ]);
  return {
    sites,
    added: sites.filter((s) => !existing.has(s.id)),
    edited: sites.filter((s) => existing.has(s.id)),
    removed,
  };
}

/**
 * 修改备案 (issue 6 §1): the name, the sites and the filed scope of a filing not withdrawn; `version` must be the one
 * the caller read. The credit code, category, codes and province never change (issued certificate numbers carry them).
 */
export async function updateInstitution(
  deps: InstitutionsDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: UpdateInstitutionInput,
): Promise<InstitutionView> {
  if (input.scopes) checkScopes(deps.catalog, input.scopes);
  const today = todayInChina(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, principal, id);
    if (before.status === 'revoked')
      throw new AppError('invalid_transition', 'a withdrawn filing cannot change');
    if (input.version !== before.version)
      throw new AppError('conflict', 'the institution changed since you read it', [
        { path: 'body.version', message: `stale: the current version is ${before.version}` },
      ]);
    const sites = input.sites ? await nextSites(trx, before, input.sites) : undefined;
    const after: Institution = {
      ...before,
      name: input.name ?? before.name,
      sites: sites?.sites ?? before.sites,
      scopes: input.scopes ?? before.scopes,
      version: before.version + 1,
      updatedAt: ctx.at,
    };
    await updateInstitutionRow(trx, after);
    if (sites) {
      await deleteSites(trx, sites.removed);
      await updateSites(trx, sites.edited);
      await insertSites(trx, id, sites.added, ctx.at);
    }
    if (input.scopes) await replaceScopes(trx, id, input.scopes);
    const view = toInstitutionView((await getInstitution(trx, id)) ?? after, deps.catalog, today);
    const changed = (['name', 'sites', 'scopes'] as const).filter((k) => input[k] !== undefined);
    await record(trx, ctx, 'update', toInstitutionView(before, deps.catalog, today), view, {
      changed,
      version: view.version,
    });
    return view;
  });
}
