import { call, client, type ItemOf, type QueryOf, type ResponseOf } from './api/client';

/** The unified question bank (统一题库, issue 7 §1): types as the API returns them (generated), and its calls. */
export type BankItem = ItemOf<ResponseOf<'/api/v1/bank/items'>['items']>;
export type ItemVersion = BankItem['current'];
export type ItemType = BankItem['type'];
export type ItemStatus = BankItem['status'];
export type BankAction = 'review' | 'activate' | 'retire' | 'return';

/** The list's filter as the page's selects hold it (the server checks the values). */
export interface BankFilter {
  occupation?: string;
  level?: string;
  status?: ItemStatus;
  type?: ItemType;
  knowledgePoint?: string;
}

const id = (value: string) => ({ path: { id: value } });

export const bankApi = {
  list: (filter: BankFilter & { cursor?: string; limit?: number }) =>
    call(client.GET('/api/v1/bank/items', { params: { query: filter as QueryOf<'/api/v1/bank/items'> } })),
  // The item form builds its body from the item type's fields (pages/bank/item-form-modal.tsx); the server checks it.
  create: (body: object) =>
    call(client.POST('/api/v1/bank/items', { body: body as never })) as Promise<BankItem>,
  update: (itemId: string, body: object) =>
    call(
      client.PUT('/api/v1/bank/items/{id}', { params: id(itemId), body: body as never }),
    ) as Promise<BankItem>,
  step: (itemId: string, action: BankAction, comment: string) =>
    call(client.POST(`/api/v1/bank/items/{id}/${action}`, { params: id(itemId), body: { comment } })),
};
