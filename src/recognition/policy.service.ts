import { sql } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { listDesignations } from '../catalog/designations.service.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { nextDraftVersion } from './policy.rules.ts';
import {
  findPolicyVersions,
  findPublishedInForce,
  getPolicyVersionRow,
  type PolicyVersionRow,
} from './policy.store.ts';
import { type CompiledPolicy, compilePolicy, coversDate, provinceOf } from './recognition.compile.ts';
import { checkProvincialPack, type PolicyPacks } from './recognition.load.ts';
import { type NationalPack, type ProvincialPack, provincialPackSchema } from './recognition.model.ts';

export interface PolicyDeps extends RegistryDeps {
  /** The packs in `policies/`: published by being committed, effective by their rules' own dates. */
  policies: PolicyPacks;
}

export interface VersionInfo {
  version: string;
  status: 'draft' | 'published';
  effectiveFrom: string | null;
  publishedAt: string | null;
  source: 'file' | 'database';
}

const fromRow = (r: PolicyVersionRow): VersionInfo => ({
  version: r.version,
  status: r.status as VersionInfo['status'],
  effectiveFrom: r.effective_from,
  publishedAt: r.published_at?.toISOString() ?? null,
  source: 'database',
});

/** Drafts are work in progress: only their province's admins and system admins see them. */
export function canSeeDrafts(principal: Principal | null, policyId: string): boolean {
  if (!principal) return false;
  return (
    principal.role === 'system-admin' ||
    (principal.role === 'province-admin' && principal.province === policyId)
  );
}

/** Every policy (national, each province) with all its versions the caller may see, files and database alike. */
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
    if (r.status === 'draft' && !canSeeDrafts(principal, r.policy_id)) continue;
    byId.set(r.policy_id, [...(byId.get(r.policy_id) ?? []), fromRow(r)]);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => (a === 'national' ? -1 : b === 'national' ? 1 : a.localeCompare(b)))
    .map(([id, versions]) => ({ id, region: id === 'national' ? null : id, versions }));
}

function filePack(deps: PolicyDeps, id: string): NationalPack | ProvincialPack | undefined {
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
  if (found.status === 'draft' && !canSeeDrafts(principal, id))
    throw new AppError('not_found', `no version ${version} of policy ${id}`);
  return found;
}

/** One version of a policy; `current` is the version in force today. */
export async function getPolicyVersion(deps: PolicyDeps, id: string, version: string) {
  if (version === 'current') {
    const today = todayInChina(deps.clock);
    const row = id === 'national' ? undefined : await findPublishedInForce(deps.db, id, today);
    if (row) return { id, ...fromRow(row), pack: row.pack as ProvincialPack };
    const pack = filePack(deps, id);
    if (!pack) throw new AppError('not_found', `no policy ${id}`);
    return {
      id,
      version: pack.version,
      status: 'published' as const,
      effectiveFrom: null,
      publishedAt: null,
      source: 'file' as const,
      pack,
    };
  }
  const row = await getPolicyVersionRow(deps.db, id, version);
  if (row) return { id, ...fromRow(row), pack: row.pack as ProvincialPack };
  const pack = filePack(deps, id);
  if (pack?.version === version) {
    return {
      id,
      version,
      status: 'published' as const,
      effectiveFrom: null,
      publishedAt: null,
      source: 'file' as const,
      pack,
    };
  }
  throw new AppError('not_found', `no version ${version} of policy ${id}`);
}

export function assertProvinceAdmin(principal: Principal, region: string): void {
  const ok =
    principal.role === 'system-admin' ||
    (principal.role === 'province-admin' && coversScope(principal, { province: region }));
  if (!ok) throw new AppError('forbidden', `only ${region}'s province admins edit its policy`);
}

/** A new draft of a province's pack, starting from the version in force today (or empty). */
export async function createDraft(deps: PolicyDeps, ctx: AuditContext, principal: Principal, region: string) {
  if (region !== provinceOf(region) || !deps.catalog.regionsByCode.has(region)) {
    throw new AppError('validation_failed', 'not a province code', [
      { path: 'params.region', message: 'unknown' },
    ]);
  }
  assertProvinceAdmin(principal, region);
  const today = todayInChina(deps.clock);
  const current = await getPolicyVersion(deps, region, 'current').catch(() => undefined);
  const base = current?.pack as ProvincialPack | undefined;
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7262003)`.execute(trx);
    const versions = (await findPolicyVersions(trx, region)).map((r) => r.version);
    const version = nextDraftVersion(today, versions);
    const pack: ProvincialPack = {
      id: base?.id ?? `province-${region}`,
      version,
      region,
      extends: 'national',
      basis: base?.basis ?? `${region} 省级互认目录与一试多证安排`,
      overrides: base?.overrides ?? [],
      correspondence: base?.correspondence ?? [],
      oneExamMultiCert: base?.oneExamMultiCert ?? [],
    };
    await trx
      .insertInto('policy_versions')
      .values({
        policy_id: region,
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
      targetId: `${region}@${version}`,
      after: { basedOn: current?.version ?? null },
    });
    return { version, basedOn: current?.version ?? null };
  });
}

/** Replaces a draft's rows; validated like a pack file. A published version never changes. */
export async function updateDraft(
  deps: PolicyDeps,
  ctx: AuditContext,
  principal: Principal,
  region: string,
  version: string,
  rows: Pick<ProvincialPack, 'overrides' | 'correspondence' | 'oneExamMultiCert'>,
) {
  assertProvinceAdmin(principal, region);
  return deps.db.transaction().execute(async (trx) => {
    const row = await getPolicyVersionRow(trx, region, version);
    if (!row) throw new AppError('not_found', `no draft ${version}`);
    if (row.status !== 'draft')
      throw new AppError('conflict', 'a published version never changes: create a new draft');
    const before = row.pack as ProvincialPack;
    const parsed = provincialPackSchema.safeParse({ ...before, ...rows });
    if (!parsed.success) {
      const details: ErrorDetail[] = parsed.error.issues.map((i) => ({
        path: `body.${i.path.join('.')}`,
        message: i.message,
      }));
      throw new AppError('validation_failed', 'the draft is invalid', details);
    }
    const problems = checkProvincialPack(parsed.data, deps.policies.national, deps.catalog);
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        'the draft is invalid',
        problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      );
    }
    await trx
      .updateTable('policy_versions')
      .set({ pack: JSON.stringify(parsed.data) })
      .where('policy_id', '=', region)
      .where('version', '=', version)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'policy.edit',
      targetType: 'policy',
      targetId: `${region}@${version}`,
      before,
      after: parsed.data,
    });
    return parsed.data;
  });
}

/** Publishes a draft from an effective date (today or later): from then on the calculator uses it. */
export async function publishDraft(
  deps: PolicyDeps,
  ctx: AuditContext,
  principal: Principal,
  region: string,
  version: string,
  effectiveFrom: string,
) {
  assertProvinceAdmin(principal, region);
  const today = todayInChina(deps.clock);
  if (effectiveFrom < today) {
    throw new AppError('rule_violation', 'a policy cannot take effect in the past', [
      { path: 'body.effectiveFrom', message: `before ${today}` },
    ]);
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await getPolicyVersionRow(trx, region, version);
    if (!row) throw new AppError('not_found', `no draft ${version}`);
    if (row.status !== 'draft') throw new AppError('conflict', `${version} is already published`);
    await trx
      .updateTable('policy_versions')
      .set({
        status: 'published',
        effective_from: effectiveFrom,
        published_by: ctx.actorLabel,
        published_at: ctx.at,
      })
      .where('policy_id', '=', region)
      .where('version', '=', version)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'policy.publish',
      targetType: 'policy',
      targetId: `${region}@${version}`,
      after: { effectiveFrom },
    });
  });
  return { version, status: 'published' as const, effectiveFrom };
}

export interface ResolvedPolicy {
  compiled: CompiledPolicy;
  nationalVersion: string;
  provinceVersion: string | null;
}

/**
 * The policy in force for a region and date: the national pack with the province's pack in force that day
 * (published database version with the latest effective date not after it, else the committed file), compiled
 * once per (province version, designations, date window).
 */
export function createPolicyResolver(deps: PolicyDeps) {
  const cache = new Map<string, CompiledPolicy>();
  return async (
    region: string | null | undefined,
    asOf: string,
    pinned?: { provinceVersion: string | null },
  ): Promise<ResolvedPolicy> => {
    const province = region ? provinceOf(region) : null;
    let pack: ProvincialPack | undefined;
    if (province && pinned) {
      pack = pinned.provinceVersion
        ? ((await getPolicyVersion(deps, province, pinned.provinceVersion)).pack as ProvincialPack)
        : undefined;
    } else if (province) {
      const row = await findPublishedInForce(deps.db, province, asOf);
      pack = row ? (row.pack as ProvincialPack) : deps.policies.provinces.get(province);
    }
    return resolveWith(deps, cache, pack, asOf);
  };
}

/** Compiles (or reuses) the policy for an explicit provincial pack, e.g. a draft under simulation. */
export async function resolveWith(
  deps: PolicyDeps,
  cache: Map<string, CompiledPolicy>,
  pack: ProvincialPack | undefined,
  asOf: string,
): Promise<ResolvedPolicy> {
  const designations = await listDesignations(deps.db, deps.catalog);
  const signature = designations
    .map((d) => `${d.type}@${d.region}`)
    .sort()
    .join(',');
  const key = `${pack?.region ?? ''}:${pack?.version ?? ''}:${signature}`;
  let compiled = cache.get(key);
  if (!compiled || !coversDate(compiled, asOf)) {
    compiled = compilePolicy(deps.policies.national, pack, deps.catalog, asOf, { designations });
    cache.set(key, compiled);
  }
  return {
    compiled,
    nationalVersion: deps.policies.national.version,
    provinceVersion: pack?.version ?? null,
  };
}
