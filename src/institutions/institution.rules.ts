import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';

/**
 * Pure rules of a filed evaluation institution (issue 6 §1–2; reference.md §5.2, §5.4), shared by the institution
 * register and exam plans.
 */
export type FilingStatus = 'active' | 'suspended' | 'revoked';
export type EffectiveFilingStatus = FilingStatus | 'expired' | 'not-yet-valid';

export interface FilingFacts {
  status: FilingStatus | string;
  validFrom: string;
  validUntil: string;
}

export interface ScopeEntry {
  occupation: string;
  level: string;
}

/**
 * The 13-character institution code a skill-level certificate number carries in positions 1–13 (reference.md
 * §5.2): category Y/S, the 4-digit national code ('0000' when first filed with a province), the 2-digit province
 * code and the 6-digit site sequence assigned by the province.
 */
export function institutionCode(
  kind: 'Y' | 'S',
  nationalCode: string,
  province: string,
  siteCode: string,
): string {
  return `${kind}${nationalCode}${province.slice(0, 2)}${siteCode}`;
}

/** The filing's status on a date (YYYY-MM-DD): a lapsed filing is `expired` whatever its stored status. */
export function filingStatusOn(f: FilingFacts, date: string): EffectiveFilingStatus {
  if (f.status === 'revoked') return 'revoked';
  if (f.status === 'suspended') return 'suspended';
  if (date < f.validFrom) return 'not-yet-valid';
  if (date > f.validUntil) return 'expired';
  return 'active';
}

export type FilingProblem =
  | {
      code: 'institution-suspended' | 'institution-revoked' | 'filing-expired' | 'filing-not-yet-valid';
      date: string;
    }
  | { code: 'outside-filed-scope'; occupation: string; level: string };

/**
 * Why an institution may not run an evaluation of `occupation` × `level` on `date`, or null when it may
 * (issue 6 §2: "a plan outside the institution's filed scope, or after its filing lapsed, is refused").
 */
export function filingProblem(
  f: FilingFacts,
  scopes: readonly ScopeEntry[],
  occupation: string,
  level: string,
  date: string,
): FilingProblem | null {
  const status = filingStatusOn(f, date);
  if (status === 'suspended') return { code: 'institution-suspended', date };
  if (status === 'revoked') return { code: 'institution-revoked', date };
  if (status === 'expired') return { code: 'filing-expired', date };
  if (status === 'not-yet-valid') return { code: 'filing-not-yet-valid', date };
  if (!scopes.some((s) => s.occupation === occupation && s.level === level))
    return { code: 'outside-filed-scope', occupation, level };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The register's own decisions (issue 6 §1): filing transitions, renewal, filed scope against the catalog, access.

export type FilingAction = 'suspend' | 'reinstate' | 'withdraw';

export type TransitionResult =
  | { ok: true; status: FilingStatus }
  | { ok: false; code: 'withdrawn-is-final' | 'invalid-transition'; message: string };

/**
 * 暂停评价活动 and 取消备案/退出 (exams.md §1.8, reference.md §5.4 "有进有出"): an active filing may be suspended, a
 * suspended one reinstated, and any filing withdrawn; a withdrawn (revoked) filing never changes again.
 */
export function nextFilingStatus(current: FilingStatus, action: FilingAction): TransitionResult {
  if (current === 'revoked')
    return { ok: false, code: 'withdrawn-is-final', message: 'a withdrawn filing cannot change' };
  const table: Record<FilingAction, Partial<Record<FilingStatus, FilingStatus>>> = {
    suspend: { active: 'suspended' },
    reinstate: { suspended: 'active' },
    withdraw: { active: 'revoked', suspended: 'revoked' },
  };
  const to = table[action][current];
  if (to) return { ok: true, status: to };
  return { ok: false, code: 'invalid-transition', message: `cannot ${action} a ${current} filing` };
}

export type RenewalResult =
  | { ok: true }
  | { ok: false; code: 'withdrawn-is-final' | 'not-later'; message: string };

/** 续期 (reference.md §5.4): a filing not withdrawn gets a later end of validity, lapsed or not. */
export function checkFilingRenewal(f: FilingFacts, newUntil: string): RenewalResult {
  if (f.status === 'revoked')
    return { ok: false, code: 'withdrawn-is-final', message: 'a withdrawn filing cannot be renewed' };
  if (newUntil <= f.validUntil)
    return { ok: false, code: 'not-later', message: `the new end of validity must be after ${f.validUntil}` };
  return { ok: true };
}

export interface ScopeProblem {
  index: number;
  field: 'occupation' | 'level';
  code: 'unknown-occupation' | 'level-not-in-standard';
  message: string;
}

/** A filed scope names a catalog occupation and a level its national standard sets (issue 6 §1). */
export function scopeProblems(
  occupations: ReadonlyMap<string, { levels: readonly { level: string }[] }>,
  scopes: readonly ScopeEntry[],
): ScopeProblem[] {
  const problems: ScopeProblem[] = [];
  scopes.forEach((s, index) => {
    const occupation = occupations.get(s.occupation);
    if (!occupation)
      problems.push({
        index,
        field: 'occupation',
        code: 'unknown-occupation',
        message: `${s.occupation} is not in the catalog`,
      });
    else if (!occupation.levels.some((l) => l.level === s.level))
      problems.push({
        index,
        field: 'level',
        code: 'level-not-in-standard',
        message: `the standard of ${s.occupation} sets no level ${s.level}`,
      });
  });
  return problems;
}

/** A site lies in the filing's province: its region code starts with the province's two digits. */
export function isSiteInProvince(province: string, region: string): boolean {
  return region.slice(0, 2) === province.slice(0, 2);
}

/**
 * Who files and manages an institution: system admins, and the HRSS admin of the province it is filed in
 * ("谁备案谁负责", exams.md §1.7).
 */
export function canManageInstitution(principal: Principal, province: string): boolean {
  return (
    principal.role === 'system-admin' ||
    (principal.role === 'province-admin' && coversScope(principal, { province }))
  );
}

/** Who sees a filing in any status and its history: its managers and supervisors (national or of the province). */
export function canOverseeInstitution(principal: Principal, province: string): boolean {
  return (
    canManageInstitution(principal, province) ||
    (principal.role === 'supervisor' && coversScope(principal, { province }))
  );
}
