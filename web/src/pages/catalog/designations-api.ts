import { request, withQuery } from '../../api';

/** Whether a province issues a province-designated type (建筑焊工); a province with no record is unknown. */
export interface Designation {
  type: string;
  region: string;
  status: 'issued' | 'not-issued';
  basis: string;
  /** Seeded with the embedded demo only: not a fact about the province. */
  isDemo: boolean;
  designatedOn: string;
  /** 1 for the first record, +1 on each change. */
  version: number;
}

export type DesignationStatus = Designation['status'] | 'unknown';

const enc = encodeURIComponent;

/** 省级认定 (issue 13 §4): kept by the issuing department's admins (住建), versioned and audited. */
export const designationsApi = {
  list: (type: string) =>
    request<{ items: Designation[] }>('GET', withQuery('/catalog/designations', { type })),
  /** 201 for a new record, 200 for a change (its version goes up). */
  set: (body: Pick<Designation, 'type' | 'region' | 'status' | 'basis' | 'designatedOn'>) =>
    request<Designation>('POST', '/catalog/designations', body),
  /** Removes the record: the province goes back to unknown. */
  withdraw: (type: string, region: string, reason: string) =>
    request<void>('DELETE', `/catalog/designations/${enc(type)}/${enc(region)}`, { reason }),
};
