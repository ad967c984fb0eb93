/** Shapes returned by the Hutong API (`/api/v1`). Extra fields the server may add are ignored. */

export type Role =
  | 'system-admin'
  | 'department-admin'
  | 'province-admin'
  | 'institution-operator'
  | 'supervisor'
  | 'holder';

export const roles: readonly Role[] = [
  'system-admin',
  'department-admin',
  'province-admin',
  'institution-operator',
  'supervisor',
  'holder',
];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  province: string | null;
  institution: string | null;
  /** A holder account's person in the registry. */
  holderId?: string | null;
  isActive: boolean;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export interface Token {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedToken extends Token {
  /** The secret; the server shows it once and stores only its hash. */
  token: string;
}

export interface AuditEntry {
  position: number;
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem?: { position: number; id: string; kind: 'edited' | 'removed' | 'reordered'; message: string };
}

export interface Department {
  id: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
}

export type CertificateKind = 'qualification' | 'skill-level';
export type Evidence = 'V' | 'V?' | 'NOT VERIFIED';

export interface ProvinceOverride {
  region: string;
  years: number | null;
  basis: string;
  issuedBefore?: string;
  issuedFrom?: string;
}

export interface ValidityRule {
  years: number | null;
  review: {
    everyYears: number;
    extendedEveryYears?: number;
    applyWithinDaysBefore: number;
    extensionYears?: number;
  } | null;
  basis: string;
  provinceOverrides: ProvinceOverride[];
}

export interface NumberFormat {
  pattern: string;
  checks: string[];
  descriptionZh: string;
  descriptionEn: string;
  examples: string[];
}

export interface CertificateType {
  id: string;
  department: string;
  officialCode: string | null;
  nameZh: string;
  nameEn: string;
  kind: CertificateKind;
  category: { code: string; nameZh: string; nameEn: string } | null;
  validity: ValidityRule;
  numberFormat: NumberFormat;
  requiresOccupation: boolean;
  issuedOnlyWhereDesignated: boolean;
  evidence: Evidence;
  /** What is and is not verified about this entry. */
  note?: string;
  sources: string[];
}

export type LevelId = '5' | '4' | '3' | '2' | '1';

export interface ApplicationRoute {
  id: string;
  textZh: string;
  textEn: string;
  requires: Record<string, unknown>;
}

export interface Occupation {
  code: string;
  nameZh: string;
  nameEn: string;
  standard: { nameZh: string; document: string; year: number | string };
  /** `note` says why routes are missing where the sources break off. */
  levels: Array<{ level: LevelId; routes: ApplicationRoute[]; note?: string }>;
}

export interface Level {
  id: string;
  nameZh: string;
  nameEn: string;
  /** 五级 … 一级 for the five standard levels; null for the others of the eight-level system. */
  gradeZh?: string | null;
  rank: number;
  isStandardLevel?: boolean;
}

export interface Region {
  code: string;
  nameZh: string;
  nameEn: string;
  short: string;
  altShort: string[];
}
