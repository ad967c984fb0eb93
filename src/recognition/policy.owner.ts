/**
 * Who owns a policy pack, read from its id (issue 13): `national` (the four ministries' notice, a committed file),
 * a province code (that province's HRSS: 对应目录, 一试多证 and co-signed overrides), or `dept-<department>` /
 * `dept-<department>-<province>` (a department's own 特别规定 towards its certificates, nationally or in one
 * province). Pure: no I/O.
 */
import type { Principal } from '../accounts/accounts.model.ts';
import { type TargetDepartment, targetDepartmentSchema } from './recognition.model.ts';

export type PolicyOwner =
  | { kind: 'national'; id: 'national' }
  | { kind: 'province'; id: string; region: string }
  | { kind: 'department'; id: string; department: TargetDepartment; region: string | null };

/** Matches every editable policy id; `national` is published by committing its file. */
export const policyIdPattern = /^(national|\d{2}0000|dept-(mohurd|mem|samr)(-\d{2}0000)?)$/;

export function policyOwnerOf(id: string): PolicyOwner | undefined {
  if (id === 'national') return { kind: 'national', id };
  if (/^\d{2}0000$/.test(id)) return { kind: 'province', id, region: id };
  const m = /^dept-(mohurd|mem|samr)(?:-(\d{2}0000))?$/.exec(id);
  if (!m) return undefined;
  const department = targetDepartmentSchema.parse(m[1]);
  return { kind: 'department', id, department, region: m[2] ?? null };
}

/**
 * Who may edit a pack: system admins; a province's HRSS admins its own province's pack; a department's admins its
 * own packs — the national one only with national scope, a province's with national scope or that province's.
 */
export function canEditPolicy(principal: Principal, owner: PolicyOwner): boolean {
  if (principal.role === 'system-admin') return owner.kind !== 'national';
  if (owner.kind === 'province')
    return principal.role === 'province-admin' && principal.province === owner.region;
  if (owner.kind === 'department') return isDepartmentAdminFor(principal, owner.department, owner.region);
  return false;
}

/** A department's admin with scope over `region` (null = national: only national-scope admins). */
export function isDepartmentAdminFor(
  principal: Principal,
  department: string,
  region: string | null,
): boolean {
  return (
    principal.role === 'department-admin' &&
    principal.department === department &&
    (principal.province === null || principal.province === region)
  );
}

/** Drafts are work in progress: only those who may edit the pack (or co-sign it) see them. */
export function canSeeDraftsOf(principal: Principal | null, owner: PolicyOwner | undefined): boolean {
  if (!principal || !owner) return false;
  if (canEditPolicy(principal, owner)) return true;
  // 会同: a department's admins for the province read the provincial drafts they may be asked to co-sign.
  return (
    owner.kind === 'province' &&
    principal.role === 'department-admin' &&
    (principal.province === null || principal.province === owner.region)
  );
}
