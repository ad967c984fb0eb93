import { sql } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { canEditPolicy, canSeeDraftsOf, type PolicyOwner, policyOwnerOf } from './policy.owner.ts';
import { nextDraftVersion } from './policy.rules.ts';
import {
  findPolicyVersions,
  findPublishedInForce,
  getPolicyVersionRow,
  type PolicyVersionRow,
} from './policy.store.ts';
import { checkDepartmentPack, checkProvincialPack, type PolicyPacks } from './recognition.load.ts';
import {
  type DepartmentPack,
  departmentPackSchema,
  type NationalPack,
  type ProvincialPack,
  provincialPackSchema,
} from './recognition.model.ts';

export { createPolicyResolver, type ResolvedPolicy, resolveWith } from './policy.resolve.ts';

export interface PolicyDeps extends RegistryDeps {
  /** The packs in `policies/`: published by being committed, effective by their rules' own dates. */
  policies: PolicyPacks;
}

export type VersionStatus = 'draft' | 'awaiting-cosign' | 'published';

export interface VersionInfo {
  version: string;
  status: VersionStatus;
  effectiveFrom: string | null;
  publishedAt: string | null;
  source: 'file' | 'database';
}

export type AnyPack = NationalPack | ProvincialPack | DepartmentPack;

const fromRow = (r: PolicyVersionRow): VersionInfo => ({
  version: r.version,
  status: r.status as VersionStatus,
  effectiveFrom: r.effective_from,
  publishedAt: r.published_at?.toISOString() ?? null,
  source: 'database',
});

/** Drafts are work in progress: only their editors (and the departments asked to co-sign) see them. */
export function canSeeDrafts(principal: Principal | null, policyId: string): boolean {
  return canSeeDraftsOf(principal, policyOwnerOf(policyId));
}

function ownerOrThrow(id: string): PolicyOwner {
  const owner = policyOwnerOf(id);
  if (!owner) throw new AppError('not_found', `no policy ${id}`);
  return owner;
}

/** Every policy (national, each department's, each province's) with the versions the caller may see. */
export async function listPolicies(deps: PolicyDeps, principal: Principal | null = null) {
  const rows = await findPolicyVersions(deps.db);
  const byId = new Map<string, VersionInfo[]>();
  for (const f of deps.policies.files) {
    const id = f.file.split('/')[0] as string;
    byId.set(id, [
      ...(byId.get(id) ?? []),
      { version: f.version, status: 'published', effectiveFrom: null, publishedAt: null, source: 'file' },
    ]);
  }
  for (const r of rows) {
    if (r.status !== 'published' && !canSeeDrafts(principal, r.policy_id)) continue;
    byId.set(r.policy_id, [...(byId.get(r.policy_id) ?? []), fromRow(r)]);
  }
  const rank = (id: string) => (id === 'national' ? 0 : id.startsWith('dept-') ? 1 : 2);
  return [...byId.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, versions]) => {
      const owner = policyOwnerOf(id);
      return {
        id,
        kind: owner?.kind ?? 'province',
        region: owner?.kind === 'national' ? null : (owner?.region ?? null),
        department:
          owner?.kind === 'department' ? owner.department : owner?.kind === 'province' ? 'mohrss' : null,
        versions,
      };
    });
}

function filePack(deps: PolicyDeps, id: string): AnyPack | undefined {
  return id === 'national' ? deps.policies.national : deps.policies.provinces.get(id);
}

/** One version of a policy the caller may see; `current` is the version in force today. */
export async function getVisiblePolicyVersion(
  deps: PolicyDeps,
  principal: Principal | null,
  id: string,
  version: string,
) {
  const found = await getPolicyVersion(deps, id, version);
  if (found.status !== 'published' && !canSeeDrafts(principal, id))
    throw new AppError('not_found', `no version ${version} of policy ${id}`);
  return found;
}

/** One version of a policy; `current` is the version in force today. */
export async function getPolicyVersion(deps: PolicyDeps, id: string, version: string) {
  if (version === 'current') {
    const today = todayInChina(deps.clock);
    const row = id === 'national' ? undefined : await findPublishedInForce(deps.db, id, today);
    if (row) return { id, ...fromRow(row), pack: row.pack as AnyPack };
    const pack = filePack(deps, id);
    if (!pack) throw new AppError('not_found', `no policy ${id}`);
    return { id, ...fileInfo(pack.version), pack };
  }
  const row = await getPolicyVersionRow(deps.db, id, version);
  if (row) return { id, ...fromRow(row), pack: row.pack as AnyPack };
  const pack = filePack(deps, id);
  if (pack?.version === version) return { id, ...fileInfo(version), pack };
  throw new AppError('not_found', `no version ${version} of policy ${id}`);
}

const fileInfo = (version: string) => ({
  version,
  status: 'published' as const,
  effectiveFrom: null,
  publishedAt: null,
  source: 'file' as const,
});

export function assertCanEdit(principal: Principal, id: string): PolicyOwner {
  const owner = ownerOrThrow(id);
  if (owner.kind === 'national')
    throw new AppError('forbidden', 'the national pack is published by committing its file');
  if (!canEditPolicy(principal, owner)) {
    throw new AppError(
      'forbidden',
      owner.kind === 'province'
        ? `only ${owner.region}'s province admins edit its policy`
        : `only ${owner.department}'s admins${owner.region ? ` for ${owner.region}` : ' with national scope'} edit this pack`,
    );
  }
  return owner;
}

/** @deprecated name kept for callers: a province's HRSS admin (or a system admin). */
export function assertProvinceAdmin(principal: Principal, region: string): void {
  assertCanEdit(principal, region);
}

function emptyPack(owner: PolicyOwner, version: string, base: AnyPack | undefined): AnyPack {
  if (owner.kind === 'department') {
    const b = base as DepartmentPack | undefined;
    return {
      id: owner.id,
      version,
      department: owner.department,
      region: owner.region,
      extends: 'national',
      basis: b?.basis ?? `${owner.department}${owner.region ? ` ${owner.region}` : ''} 特别规定`,
      rules: b?.rules ?? [],
    };
  }
  const b = base as ProvincialPack | undefined;
  return {
    id: b?.id ?? `province-${owner.id}`,
    version,
    region: owner.id,
    extends: 'national',
    basis: b?.basis ?? `${owner.id} 省级互认目录与一试多证安排`,
    overrides: b?.overrides ?? [],
    correspondence: b?.correspondence ?? [],
    oneExamMultiCert: b?.oneExamMultiCert ?? [],
  };
}

/** A new draft of a province's or a department's pack, starting from the version in force today (or empty). */
export async function createDraft(deps: PolicyDeps, ctx: AuditContext, principal: Principal, id: string) {
  const owner = ownerOrThrow(id);
  if (owner.kind !== 'national' && owner.region && !deps.catalog.regionsByCode.has(owner.region)) {
    throw new AppError('validation_failed', 'not a province code', [
      { path: 'params.id', message: 'unknown' },
    ]);
  }
  assertCanEdit(principal, id);
  const today = todayInChina(deps.clock);
  const current = await getPolicyVersion(deps, id, 'current').catch(() => undefined);
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7262003)`.execute(trx);
    const versions = (await findPolicyVersions(trx, id)).map((r) => r.version);
    const version = nextDraftVersion(today, versions);
    const pack = emptyPack(owner, version, current?.pack);
    await trx
      .insertInto('policy_versions')
      .values({
        policy_id: id,
        version,
        status: 'draft',
        effective_from: null,
        pack: JSON.stringify(pack),
        based_on: current?.version ?? null,
        created_by: ctx.actorLabel,
        created_at: ctx.at,
        published_by: null,
        published_at: null,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'policy.draft',
      targetType: 'policy',
      targetId: `${id}@${version}`,
      after: { basedOn: current?.version ?? null },
    });
    return { version, basedOn: current?.version ?? null };
  });
}

export type DraftRows =
  | Pick<ProvincialPack, 'overrides' | 'correspondence' | 'oneExamMultiCert'>
  | Pick<DepartmentPack, 'rules'>;

/** Replaces a draft's rows; validated like a pack file. A published version never changes. */
export async function updateDraft(
  deps: PolicyDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  version: string,
  rows: DraftRows,
) {
  const owner = assertCanEdit(principal, id);
  return deps.db.transaction().execute(async (trx) => {
    const row = await getPolicyVersionRow(trx, id, version);
    if (!row) throw new AppError('not_found', `no draft ${version}`);
    if (row.status === 'published')
      throw new AppError('conflict', 'a published version never changes: create a new draft');
    const before = row.pack as AnyPack;
    const problems: ErrorDetail[] = [];
    let pack: AnyPack | undefined;
    if (owner.kind === 'department') {
      if (!('rules' in rows)) throw invalid([{ path: 'body.rules', message: 'a department pack has rules' }]);
      const parsed = departmentPackSchema.safeParse({ ...before, ...rows });
      if (!parsed.success) throw invalid(zodDetails(parsed.error.issues));
      problems.push(...checkDepartmentPack(parsed.data, deps.policies.national, deps.catalog));
      pack = parsed.data;
    } else {
      if ('rules' in rows) throw invalid([{ path: 'body.rules', message: 'not in a provincial pack' }]);
      const parsed = provincialPackSchema.safeParse({ ...before, ...rows });
      if (!parsed.success) throw invalid(zodDetails(parsed.error.issues));
      problems.push(...checkProvincialPack(parsed.data, deps.policies.national, deps.catalog));
      pack = parsed.data;
    }
    if (problems.length > 0) throw invalid(problems.map((p) => ({ ...p, path: `body.${p.path}` })));
    // An edit after co-signatures were asked for withdraws the request: they signed other rows.
    const wasAwaiting = row.status === 'awaiting-cosign';
    await trx
      .updateTable('policy_versions')
      .set({ pack: JSON.stringify(pack), status: 'draft' })
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .execute();
    if (wasAwaiting) {
      await trx
        .deleteFrom('policy_cosignatures')
        .where('policy_id', '=', id)
        .where('version', '=', version)
        .execute();
    }
    await appendAudit(trx, ctx, {
      action: 'policy.edit',
      targetType: 'policy',
      targetId: `${id}@${version}`,
      before,
      after: { ...pack, ...(wasAwaiting && { cosignaturesWithdrawn: true }) },
    });
    return pack;
  });
}

function zodDetails(issues: readonly { path: PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((i) => ({ path: `body.${i.path.map(String).join('.')}`, message: i.message }));
}

function invalid(details: ErrorDetail[]): AppError {
  return new AppError('validation_failed', 'the draft is invalid', details);
}
