import { call, client, type ItemOf, type ResponseOf } from '../../api/client';

/** 政策解读 (issue 14 §1): the public explainer's calls; `asOf` picks the versions in force that day. */
export type TypeExplained = ResponseOf<'/api/v1/public/explain/types/{type}'>;
export type Exemption = ItemOf<TypeExplained['gives']['exemptions']>;
export type RegionExplained = ResponseOf<'/api/v1/public/explain/regions/{region}'>;
export type ChangesExplained = ResponseOf<'/api/v1/public/explain/changes'>;
export type VersionExplained = ItemOf<ChangesExplained['versions']>;

const asOfQuery = (asOf: string | undefined) => ({ query: asOf ? { asOf } : {} });

export const explainApi = {
  type: (type: string, asOf?: string) =>
    call(
      client.GET('/api/v1/public/explain/types/{type}', {
        params: { path: { type }, ...asOfQuery(asOf) },
      }),
    ),
  region: (region: string, asOf?: string) =>
    call(
      client.GET('/api/v1/public/explain/regions/{region}', {
        params: { path: { region }, ...asOfQuery(asOf) },
      }),
    ),
  changes: (asOf?: string) => call(client.GET('/api/v1/public/explain/changes', { params: asOfQuery(asOf) })),
};
