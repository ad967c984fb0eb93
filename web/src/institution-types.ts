/** Shapes of the institution register API (`/api/v1/institutions`, issue 6 §1), generated. */
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from './api/client';

export const institutionStatuses = ['active', 'suspended', 'revoked', 'expired', 'not-yet-valid'] as const;
export const scopeLevels = ['5', '4', '3', '2', '1'] as const;

type Filed = ResponseOf<'/api/v1/institutions/{id}', 'patch'>;
type Bookkeeping = 'storedStatus' | 'version' | 'createdAt' | 'updatedAt';
/** The public view; the bookkeeping fields come to the filing province's admins and supervisors only. */
export type Institution = Omit<Filed, Bookkeeping> & Partial<Pick<Filed, Bookkeeping>>;
export type InstitutionStatus = Institution['status'];
export type InstitutionKind = Institution['kind'];
export type FilingLevel = Institution['filingLevel'];
export type InstitutionSite = ItemOf<Institution['sites']>;
export type InstitutionScope = ItemOf<Institution['scopes']>;

/** The directory's filter; `status` (an effective status, or `all`) for overseers only. */
export type InstitutionFilter = Omit<QueryOf<'/api/v1/institutions'>, 'cursor' | 'limit'>;

type GeneratedNew = BodyOf<'/api/v1/institutions'>;
type GeneratedChanges = BodyOf<'/api/v1/institutions/{id}', 'patch'>;
export type SiteInput = ItemOf<NonNullable<GeneratedChanges['sites']>>;
/** `level` widened to `string`: the form edits scopes it read back from an institution (whose levels are strings). */
export type ScopeInput = Omit<ItemOf<NonNullable<GeneratedChanges['scopes']>>, 'level'> & { level: string };
export type NewInstitution = Omit<GeneratedNew, 'scopes'> & { scopes: ScopeInput[] };
export type InstitutionChanges = Omit<GeneratedChanges, 'scopes'> & { scopes?: ScopeInput[] };

export type FilingAction = 'renew' | 'suspend' | 'reinstate' | 'withdraw';

export type InstitutionHistoryEntry = ItemOf<ResponseOf<'/api/v1/institutions/{id}/history'>['items']>;
