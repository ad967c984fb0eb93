import { request, withQuery } from './api';
import type { Page } from './types';

/** The unified question bank (统一题库, issue 7 §1): types as the API returns them, and its calls. */
export type ItemType = 'single' | 'multiple' | 'true-false' | 'practical';
export type ItemStatus = 'draft' | 'reviewed' | 'active' | 'retired';
export type BankAction = 'review' | 'activate' | 'retire' | 'return';

export interface ItemVersion {
  version: number;
  stem: string;
  options: Array<{ id: string; text: string }>;
  answer: string[] | boolean | null;
  rubric: Array<{ criterion: string; maxPoints: number }> | null;
  score: number;
  difficulty: number;
  createdBy: string;
  createdAt: string;
}
export interface BankItem {
  id: string;
  occupation: string;
  level: string;
  knowledgePoint: string;
  type: ItemType;
  status: ItemStatus;
  currentVersion: number;
  province: string | null;
  createdBy: string;
  current: ItemVersion;
}
export interface BankFilter {
  occupation?: string;
  level?: string;
  status?: ItemStatus;
  type?: ItemType;
  knowledgePoint?: string;
}

const enc = encodeURIComponent;
export const bankApi = {
  list: (filter: BankFilter & { cursor?: string; limit?: number }) =>
    request<Page<BankItem>>('GET', withQuery('/bank/items', { ...filter })),
  create: (body: object) => request<BankItem>('POST', '/bank/items', body),
  update: (id: string, body: object) => request<BankItem>('PUT', `/bank/items/${enc(id)}`, body),
  step: (id: string, action: BankAction, comment: string) =>
    request<BankItem>('POST', `/bank/items/${enc(id)}/${action}`, { comment }),
};
