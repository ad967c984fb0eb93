import { request } from '../../api';
import type { IssuedCredential } from '../../credential-types';

/** 互认决定书 (issue 13 item 7): `GET/POST /api/v1/recognition/decisions/{id}…`, kept beside the pages using them. */
export type IntakeOutcome = 'accepted' | 'refused';

export interface Intake {
  department: string;
  region: string | null;
  outcome: IntakeOutcome;
  reason: string | null;
  rules: string[];
  recordedAt: string;
}

export interface DecisionCredential extends Omit<IssuedCredential, 'certificateId'> {
  decisionId: string;
  validUntil: string;
}

export interface DecisionView {
  id: string;
  asOf: string;
  region: string | null;
  createdAt: string;
  policy: { national: string; province: string | null };
  factsHash: string;
  holder: { name: string; idNumberMasked: string } | null;
  /** The engine's answer, every number masked. */
  result: {
    exemptions: { basis: string; target: string; exempt: string[]; rule: string }[];
    levels: {
      occupation: string;
      deemedLevel: number;
      mayApplyFor: number | null;
      rule: string;
      basis: string[];
    }[];
  };
  targets: { department: string; rules: string[] }[];
  intakes: Intake[];
  credential: Omit<DecisionCredential, 'credential' | 'qr'> | null;
  canRecordIntake: boolean;
}

const enc = encodeURIComponent;

export const decisionApi = {
  get: (id: string) => request<DecisionView>('GET', `/recognition/decisions/${enc(id)}`),
  /** Issues (or reuses) the signed 互认决定书: the holder's own, or an admin's in scope. */
  credential: (id: string) =>
    request<DecisionCredential>('GET', `/recognition/decisions/${enc(id)}/credential`),
  recordIntake: (id: string, body: { outcome: IntakeOutcome; reason?: string; department?: string }) =>
    request<Intake>('POST', `/recognition/decisions/${enc(id)}/intake`, body),
};

export const outcomeText: Record<IntakeOutcome, { zh: string; en: string; color: string }> = {
  accepted: { zh: '已受理', en: 'Accepted', color: 'green' },
  refused: { zh: '不予受理', en: 'Refused', color: 'red' },
};

/** What an exemption spares, in words (recognition.model.ts exemptionCodeSchema). */
export const exemptText: Record<string, { zh: string; en: string }> = {
  'safety-training': { zh: '免予安全培训', en: 'exempt from safety training' },
  'hot-work-safety-exam': {
    zh: '免予动火作业安全管理考试',
    en: 'exempt from the hot-work safety management exam',
  },
  'theory-exam': { zh: '免予理论考试', en: 'exempt from the theory exam' },
};
