/** Shapes of the certificate registry API (`/api/v1/certificates`, `/holders`, `/imports`). */

export type IdType = 'resident' | 'hk-macao-taiwan-permit' | 'foreign-permanent' | 'passport';
export const idTypes: readonly IdType[] = [
  'resident',
  'hk-macao-taiwan-permit',
  'foreign-permanent',
  'passport',
];

export type CertificateStatus = 'valid' | 'suspended' | 'revoked';
export type EffectiveStatus = CertificateStatus | 'expired' | 'not-yet-valid';
export const effectiveStatuses: readonly EffectiveStatus[] = [
  'valid',
  'suspended',
  'revoked',
  'expired',
  'not-yet-valid',
];

export interface Holder {
  id: string;
  name: string;
  idType: IdType;
  /** Masked (`3101**********123X`) except for the issuing department's admin. */
  idNumber: string;
}

/**
 * 复审: `overdue` = 待复审, not 合法有效 until the department records a new review; `unknown` = the type has a
 * review rule but the date is not known (not overdue); `not-required` = the type has no review rule.
 */
export type ReviewStatus = 'not-required' | 'current' | 'overdue' | 'unknown';
export interface CertificateReview {
  status: ReviewStatus;
  reviewedOn?: string | null;
  reviewedUntil: string | null;
}

export interface Certificate {
  id: string;
  type: string;
  department: string;
  number: string;
  holder: Holder;
  validFrom: string;
  validUntil: string | null;
  status: CertificateStatus;
  effectiveStatus: EffectiveStatus;
  /** 复审 as of today (issue 13 item 5). */
  review: CertificateReview;
  issuer: { region: string; organization: string; organizationCode: string | null };
  occupation: string | null;
  level: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  importId: string | null;
}

export interface CertificateDetail extends Certificate {
  history: HistoryEntry[];
}

export type CertificateSort = 'updatedAt' | 'validFrom' | 'validUntil' | 'type';
export type SortOrder = 'asc' | 'desc';

/** The filter of `POST /certificates/search` and `/export`; a POST keeps ID numbers out of URLs. */
export interface CertificateFilter {
  idNumber?: string;
  /** The type of `idNumber`; the server assumes a resident ID card. */
  idType?: IdType;
  name?: string;
  type?: string;
  department?: string;
  status?: EffectiveStatus;
  region?: string;
  validFromFrom?: string;
  validFromTo?: string;
  validUntilFrom?: string;
  validUntilTo?: string;
  sort?: CertificateSort;
  order?: SortOrder;
}

export interface NewCertificate {
  type: string;
  number: string;
  holder: { name: string; idType: IdType; idNumber: string };
  validFrom: string;
  validUntil?: string | null;
  issuer: { region: string; organization: string; organizationCode?: string };
  occupation?: string;
  level?: string;
}

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  filename: string;
  format: 'csv' | 'xlsx';
  acceptValid: boolean;
  total: number;
  written: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  /** The first 100; the full report is `GET /imports/:id/errors.csv`. */
  errors: ImportError[];
  errorCount: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** While running; `fraction` (0–1) of the file read, when the server can tell. */
  progress: { rows: number; rowsPerSecond: number; fraction?: number; phase?: 'reading' | 'writing' } | null;
}
