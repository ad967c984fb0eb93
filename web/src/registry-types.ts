/** Shapes of the certificate registry API (`/api/v1/certificates`, `/holders`, `/imports`), generated. */
import type { BodyOf, ItemOf, ResponseOf } from './api/client';

export type NewCertificate = BodyOf<'/api/v1/certificates'>;
/** The filter of `POST /certificates/search` and `/export`; a POST keeps ID numbers out of URLs. */
export type CertificateFilter = Omit<BodyOf<'/api/v1/certificates/search'>, 'limit' | 'cursor'>;
export type CertificateSort = NonNullable<CertificateFilter['sort']>;
export type SortOrder = NonNullable<CertificateFilter['order']>;

export type IdType = NonNullable<CertificateFilter['idType']>;

export const idTypes: readonly IdType[] = [
  'resident',
  'hk-macao-taiwan-permit',
  'foreign-permanent',
  'passport',
];

export const effectiveStatuses: readonly EffectiveStatus[] = [
  'valid',
  'suspended',
  'revoked',
  'expired',
  'not-yet-valid',
];

/** The record as the registry API returns it; `holder.idNumber` is masked except for the issuing department's admin. */
type GeneratedDetail = ResponseOf<'/api/v1/certificates/{id}'>;
/**
 * `holder.idType` narrowed to `IdType`: the server's response schema declares a plain string (its input schemas
 * have the enum), and the pages translate it as `idType.<type>`.
 */
export type Holder = Omit<GeneratedDetail['holder'], 'idType'> & { idType: IdType };
export type CertificateDetail = Omit<GeneratedDetail, 'holder'> & { holder: Holder };
export type Certificate = Omit<CertificateDetail, 'history'>;
export type HistoryEntry = ItemOf<CertificateDetail['history']>;
export type CertificateStatus = Certificate['status'];
export type EffectiveStatus = Certificate['effectiveStatus'];

/**
 * 复审: `overdue` = 待复审, not 合法有效 until the department records a new review; `unknown` = the type has a
 * review rule but the date is not known (not overdue); `not-required` = the type has no review rule.
 */
export type CertificateReview = Omit<Certificate['review'], 'reviewedOn'> & { reviewedOn?: string | null };
export type ReviewStatus = CertificateReview['status'];

/** A bulk import; `errors` holds the first 100 (the full report is `GET /imports/:id/errors.csv`). */
export type ImportView = ResponseOf<'/api/v1/imports/{id}'>;
/** A row of the import list: an import without its errors. */
export type ImportSummary = ItemOf<ResponseOf<'/api/v1/imports'>['items']>;
export type ImportStatus = ImportView['status'];
export type ImportError = ItemOf<ImportView['errors']>;
