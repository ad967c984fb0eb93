import { type BodyOf, call, client, type ItemOf, type ResponseOf } from '../../api/client';

/**
 * Whether a province issues a province-designated type (建筑焊工); a province with no record is unknown. `isDemo`:
 * seeded with the embedded demo only, not a fact about the province; `version`: 1 for the first record, +1 on each
 * change.
 */
export type Designation = ItemOf<ResponseOf<'/api/v1/catalog/designations'>['items']>;

export type DesignationStatus = Designation['status'] | 'unknown';

/** 省级认定 (issue 13 §4): kept by the issuing department's admins (住建), versioned and audited. */
export const designationsApi = {
  list: (type: string) => call(client.GET('/api/v1/catalog/designations', { params: { query: { type } } })),
  /** 201 for a new record, 200 for a change (its version goes up). */
  set: (body: BodyOf<'/api/v1/catalog/designations'>) =>
    call(client.POST('/api/v1/catalog/designations', { body })),
  /** Removes the record: the province goes back to unknown. */
  withdraw: async (type: string, region: string, reason: string): Promise<void> => {
    await call(
      client.DELETE('/api/v1/catalog/designations/{type}/{region}', {
        params: { path: { type, region } },
        body: { reason },
      }),
    );
  },
};
