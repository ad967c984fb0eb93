import { useAuth } from '../../auth';
import { chinaDate } from '../../format';
import { type Translate, useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import {
  departmentPackId,
  type PolicyEntry,
  type PolicyOwner,
  type PolicyVersionSummary,
  policyOwnerOf,
} from '../../policy-types';
import type { User } from '../../types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';

/** A department's admin with scope over `region` (null = national: only national-scope admins), as the server has it. */
export function isDepartmentAdminFor(user: User | null, department: string, region: string | null): boolean {
  return (
    user?.role === 'department-admin' &&
    user.department === department &&
    (user.province === null || user.province === region)
  );
}

/**
 * Who edits a pack (src/recognition/policy.owner.ts): a system admin any but the national one (a file); a province
 * admin their province's; a department admin their department's, the national-scope one only with national scope.
 */
export function canEditPolicy(user: User | null, owner: PolicyOwner | undefined): boolean {
  if (!user || !owner || owner.kind === 'national') return false;
  if (user.role === 'system-admin') return true;
  if (owner.kind === 'province') return user.role === 'province-admin' && user.province === owner.region;
  return isDepartmentAdminFor(user, owner.department, owner.region);
}

/** Editors see drafts; so do the department admins of the province a provincial draft may ask to co-sign (会同). */
export function canSeeDrafts(user: User | null, owner: PolicyOwner | undefined): boolean {
  if (canEditPolicy(user, owner)) return true;
  return (
    owner?.kind === 'province' &&
    user?.role === 'department-admin' &&
    (user.province === null || user.province === owner.region)
  );
}

export function useCanEditPolicy(): (id: string) => boolean {
  const { user } = useAuth();
  return (id) => canEditPolicy(user, policyOwnerOf(id));
}

/** The pack a department admin keeps: national scope without a province, else their province's. */
export function ownDepartmentPackId(user: User | null): string | undefined {
  if (user?.role !== 'department-admin' || !user.department) return undefined;
  if (!['mohurd', 'mem', 'samr'].includes(user.department)) return undefined;
  return departmentPackId(user.department, user.province);
}

/** A department as a co-signer: 应急管理部门 rather than the ministry (a province's department signs too). */
export function cosignDepartmentName(department: string, t: Translate): string {
  const key = `cosign.dept.${department}`;
  return ['mem', 'mohurd', 'samr', 'mohrss'].includes(department) ? t(key as MessageKey) : department;
}

/** 全国; a department's 特别规定 (nationally or in a province); or the province's name and code. */
export function usePolicyName(catalog: RecognitionCatalog): (id: string) => string {
  const { t, pick } = useI18n();
  return (id) => {
    const owner = policyOwnerOf(id);
    if (owner?.kind === 'national') return t('pol.national');
    if (owner?.kind === 'department') {
      const d = catalog.departments.find((x) => x.id === owner.department);
      const department = d ? pick(d.nameZh, d.nameEn) : owner.department;
      return owner.region
        ? t('pol.deptPackIn', { department, region: catalog.regionName(owner.region) })
        : t('pol.deptPack', { department });
    }
    return catalog.regionName(id);
  };
}

/** The newest version not yet published (a draft, or one awaiting co-signatures). */
export function newestDraftOf(entry: PolicyEntry | undefined): PolicyVersionSummary | undefined {
  return sortedVersions(entry).find((v) => v.status !== 'published');
}

/** Versions are `YYYY-MM`, `YYYY-MM-DD` or a day's drafts `YYYY-MM-DD.N`: compared part by part as numbers. */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The versions, newest first. */
export function sortedVersions(entry: PolicyEntry | undefined): PolicyVersionSummary[] {
  return [...(entry?.versions ?? [])].sort((a, b) => compareVersions(b.version, a.version));
}

/** The highest version, of `status` if given. */
export function newestOf(
  entry: PolicyEntry | undefined,
  status?: PolicyVersionSummary['status'],
): PolicyVersionSummary | undefined {
  return sortedVersions(entry).find((v) => !status || v.status === status);
}

/** The published version in force today (a file has no date: always), else the newest published one. */
export function inForce(entry: PolicyEntry | undefined, today: string): PolicyVersionSummary | undefined {
  const published = sortedVersions(entry).filter((v) => v.status === 'published');
  const started = published
    .filter((v) => v.effectiveFrom === null || v.effectiveFrom <= today)
    .sort(
      (a, b) =>
        compareVersions(b.effectiveFrom ?? '', a.effectiveFrom ?? '') ||
        compareVersions(b.version, a.version),
    );
  return started[0] ?? published[0];
}

/** Today's date in China, as the server dates policies. */
export function todayInChina(): string {
  return chinaDate();
}
