import { type BodyOf, call, client, type ItemOf, type QueryOf, type ResponseOf } from '../../api/client';

/** 一试多证 requests to the issuing department (issue 13 item 8); shapes from `src/issuance/issuance.model.ts`. */
export type IssuanceQueueItem = ItemOf<ResponseOf<'/api/v1/issuance-requests/queue'>['items']>;
export type IssuanceRequestStatus = IssuanceQueueItem['status'];
export type MyIssuanceRequest = ItemOf<ResponseOf<'/api/v1/me/issuance-requests'>['items']>;
export type ConfirmBody = BodyOf<'/api/v1/issuance-requests/{id}/confirm'>;

const id = (value: string) => ({ path: { id: value } });

export const issuanceApi = {
  queue: (query: QueryOf<'/api/v1/issuance-requests/queue'>) =>
    call(client.GET('/api/v1/issuance-requests/queue', { params: { query } })),
  confirm: (requestId: string, body: ConfirmBody) =>
    call(client.POST('/api/v1/issuance-requests/{id}/confirm', { params: id(requestId), body })),
  refuse: (requestId: string, reason: string) =>
    call(client.POST('/api/v1/issuance-requests/{id}/refuse', { params: id(requestId), body: { reason } })),
  mine: () => call(client.GET('/api/v1/me/issuance-requests')),
};
