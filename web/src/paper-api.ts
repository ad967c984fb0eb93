import { type BodyOf, call, client, type ItemOf, type ResponseOf } from './api/client';

type Assembled = ResponseOf<'/api/v1/plans/{planId}/papers', 'post'>;

/** A paper as assembled: its items and how it covers the blueprint's cells (issue 7 §2). */
export type Paper = ItemOf<Assembled['papers']>;
export type PaperSummary = ItemOf<ResponseOf<'/api/v1/plans/{planId}/papers'>['papers']>;
export type Coverage = ItemOf<Paper['coverage']>;
export type ItemType = Coverage['type'];
export type DifficultyBand = Coverage['difficulty'];

/** The blueprint (鉴定要素细目表) the server assembles from. */
export type Blueprint = BodyOf<'/api/v1/plans/{planId}/papers'>;
export type BlueprintRow = ItemOf<Blueprint['rows']>;

const planId = (id: string) => ({ path: { planId: id } });

export const paperApi = {
  list: (id: string) => call(client.GET('/api/v1/plans/{planId}/papers', { params: planId(id) })),
  assemble: (id: string, blueprint: Blueprint) =>
    call(client.POST('/api/v1/plans/{planId}/papers', { params: planId(id), body: blueprint })),
  lock: (id: string) => call(client.POST('/api/v1/papers/{id}/lock', { params: { path: { id } } })),
};
