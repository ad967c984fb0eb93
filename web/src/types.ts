/** Shapes returned by the Hutong API (`/api/v1`), generated from its OpenAPI document (api/schema.d.ts). */
import type { ItemOf, ResponseOf } from './api/client';

export type User = ResponseOf<'/api/v1/auth/me'>['user'];
export type Role = User['role'];

export const roles: readonly Role[] = [
  'system-admin',
  'department-admin',
  'province-admin',
  'institution-operator',
  'supervisor',
  'holder',
];

export interface Page<T> {
  items: T[];
  next?: string;
}

/** A user as the admins' list gives it: with the institution's name (issue 15 §4). */
export type UserListItem = ItemOf<ResponseOf<'/api/v1/users'>['items']>;
export type Token = ItemOf<ResponseOf<'/api/v1/users/{id}/tokens'>['items']>;
/** The secret in `token`; the server shows it once and stores only its hash. */
export type CreatedToken = ResponseOf<'/api/v1/users/{id}/tokens', 'post'>;

export type AuditEntry = ItemOf<ResponseOf<'/api/v1/audit'>['items']>;
type GeneratedVerification = ResponseOf<'/api/v1/audit/verify', 'post'>;
type AuditProblem = NonNullable<GeneratedVerification['problem']>;
/** Narrower than the server's schema, whose `problem.kind` is a plain string (src/audit: the kinds are these three). */
export type AuditVerification = Omit<GeneratedVerification, 'problem'> & {
  problem?: Omit<AuditProblem, 'kind'> & { kind: 'edited' | 'removed' | 'reordered' };
};

/** `id` widened to `string`: pages look departments up by ids read from URLs and records. */
export type Department = Omit<ItemOf<ResponseOf<'/api/v1/catalog/departments'>['items']>, 'id'> & {
  id: string;
};

type GeneratedCertificateType = ItemOf<ResponseOf<'/api/v1/catalog/certificate-types'>['items']>;
export type CertificateType = Omit<GeneratedCertificateType, 'validity'> & { validity: ValidityRule };
export type CertificateKind = CertificateType['kind'];
export type Evidence = CertificateType['evidence'];
type GeneratedValidity = GeneratedCertificateType['validity'];
/**
 * Kept narrower than the server's until the catalog page handles it: the server sends
 * `review.applyWithinDaysBefore: null` for MOHURD types (an application window not verified), which the page would
 * print as "null" (pages/catalog/certificate-type-detail.tsx).
 */
export type ValidityRule = Omit<GeneratedValidity, 'review'> & {
  review:
    | (Omit<NonNullable<GeneratedValidity['review']>, 'applyWithinDaysBefore'> & {
        applyWithinDaysBefore: number;
      })
    | null;
};
export type ProvinceOverride = ItemOf<ValidityRule['provinceOverrides']>;
export type NumberFormat = CertificateType['numberFormat'];

export type Occupation = ItemOf<ResponseOf<'/api/v1/catalog/occupations'>['items']>;
export type LevelId = ItemOf<Occupation['levels']>['level'];
export type ApplicationRoute = ItemOf<ItemOf<Occupation['levels']>['routes']>;

/** `id` widened to `string`: pages look levels up by ids read from records. */
export type Level = Omit<ItemOf<ResponseOf<'/api/v1/catalog/levels'>['items']>, 'id'> & { id: string };
export type Region = ItemOf<ResponseOf<'/api/v1/catalog/regions'>['items']>;
export type Prefecture = ItemOf<ResponseOf<'/api/v1/catalog/regions'>['prefectures']>;
