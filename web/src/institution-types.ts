/** Shapes of the institution register API (`/api/v1/institutions`, issue 6 §1). */

export const institutionStatuses = ['active', 'suspended', 'revoked', 'expired', 'not-yet-valid'] as const;
export type InstitutionStatus = (typeof institutionStatuses)[number];
export type InstitutionKind = 'Y' | 'S';
export type FilingLevel = 'national' | 'provincial';
export const scopeLevels = ['5', '4', '3', '2', '1'] as const;

export interface InstitutionSite {
  id: string;
  name: string;
  address: string;
  region: string;
}

export interface InstitutionScope {
  occupation: string;
  occupationNameZh: string;
  occupationNameEn: string;
  level: string;
}

/** The public view; the bookkeeping fields come to the filing province's admins and supervisors only. */
export interface Institution {
  id: string;
  creditCode: string;
  name: string;
  kind: InstitutionKind;
  filingLevel: FilingLevel;
  nationalCode: string;
  /** The 13 characters its certificate numbers start with. */
  code: string;
  province: string;
  siteCode: string;
  status: InstitutionStatus;
  validFrom: string;
  validUntil: string;
  sites: InstitutionSite[];
  scopes: InstitutionScope[];
  storedStatus?: 'active' | 'suspended' | 'revoked';
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface InstitutionFilter {
  occupation?: string;
  level?: string;
  region?: string;
  name?: string;
  /** Overseers only: an effective status, or `all`. */
  status?: InstitutionStatus | 'all';
}

export interface SiteInput {
  id?: string;
  name: string;
  address: string;
  region: string;
}

export interface ScopeInput {
  occupation: string;
  level: string;
}

export interface NewInstitution {
  creditCode: string;
  name: string;
  kind: InstitutionKind;
  filingLevel: FilingLevel;
  nationalCode?: string;
  province: string;
  siteCode: string;
  validFrom: string;
  validUntil: string;
  sites: SiteInput[];
  scopes: ScopeInput[];
}

export interface InstitutionChanges {
  version: number;
  name?: string;
  sites?: SiteInput[];
  scopes?: ScopeInput[];
}

export type FilingAction = 'renew' | 'suspend' | 'reinstate' | 'withdraw';

export interface InstitutionHistoryEntry {
  position: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}
