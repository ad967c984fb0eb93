import { request } from './api';

const enc = encodeURIComponent;

export type ItemType = 'single' | 'multiple' | 'true-false' | 'practical';
export type DifficultyBand = 'easy' | 'medium' | 'hard';

export interface BlueprintRow {
  knowledgePoint: string;
  type: ItemType;
  difficulty: DifficultyBand;
  count: number;
  scoreEach?: number;
}

/** The blueprint (鉴定要素细目表) the server assembles from (issue 7 §2). */
export interface Blueprint {
  occupation: string;
  level: string;
  subject: 'theory' | 'skills';
  totalScore: number;
  rows: BlueprintRow[];
  usageCap?: number;
  forms?: number;
  maxOverlap?: number;
}

export interface Coverage {
  cell: string;
  knowledgePoint: string;
  type: ItemType;
  difficulty: DifficultyBand;
  required: number;
  assembled: number;
}

export interface Paper {
  id: string;
  planId: string;
  form: string;
  subject: 'theory' | 'skills';
  status: 'assembled' | 'locked';
  totalScore: number;
  createdAt: string;
  items: { position: number; itemId: string; version: number; score: number; knowledgePoint: string }[];
  coverage: Coverage[];
}

export type PaperSummary = Omit<Paper, 'items'> & { itemCount: number };

export const paperApi = {
  list: (planId: string) => request<{ papers: PaperSummary[] }>('GET', `/plans/${enc(planId)}/papers`),
  assemble: (planId: string, blueprint: Blueprint) =>
    request<{ papers: Paper[] }>('POST', `/plans/${enc(planId)}/papers`, blueprint),
  lock: (id: string) => request<Paper>('POST', `/papers/${enc(id)}/lock`),
};
