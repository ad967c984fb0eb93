import { type BodyOf, call, client, type ItemOf, type ResponseOf } from '../../api/client';

/** 互认决定书 (issue 13 item 7): `GET/POST /api/v1/recognition/decisions/{id}…`, kept beside the pages using them. */
type GeneratedView = ResponseOf<'/api/v1/recognition/decisions/{id}'>;

export type Intake = ItemOf<GeneratedView['intakes']>;
export type IntakeOutcome = Intake['outcome'];

/** The compact `vc+jwt` serialization (the JSON one, with every signature, is only sent for `?serialization=json`). */
export type DecisionCredential = Extract<
  ResponseOf<'/api/v1/recognition/decisions/{id}/credential'>,
  { format: 'vc+jwt' }
>;

/**
 * The engine's answer, every number masked. Written by hand: the route's response schema declares `result` as free
 * JSON (`{}`); the rest of the view is generated. A type, not an interface, so it is comparable to that free JSON.
 */
type DecisionResult = {
  exemptions: { basis: string; target: string; exempt: string[]; rule: string }[];
  levels: {
    occupation: string;
    deemedLevel: number;
    mayApplyFor: number | null;
    rule: string;
    basis: string[];
  }[];
};

export type DecisionView = Omit<GeneratedView, 'result'> & { result: DecisionResult };

const id = (value: string) => ({ path: { id: value } });

export const decisionApi = {
  // Narrowed result: see DecisionResult.
  get: (decisionId: string) =>
    call(
      client.GET('/api/v1/recognition/decisions/{id}', { params: id(decisionId) }),
    ) as Promise<DecisionView>,
  /** Issues (or reuses) the signed 互认决定书: the holder's own, or an admin's in scope. */
  credential: async (decisionId: string): Promise<DecisionCredential> => {
    const answer = await call(
      client.GET('/api/v1/recognition/decisions/{id}/credential', { params: id(decisionId) }),
    );
    if (answer.format !== 'vc+jwt') throw new Error('expected the compact vc+jwt serialization');
    return answer;
  },
  recordIntake: (decisionId: string, body: BodyOf<'/api/v1/recognition/decisions/{id}/intake'>) =>
    call(client.POST('/api/v1/recognition/decisions/{id}/intake', { params: id(decisionId), body })),
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
