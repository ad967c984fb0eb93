/**
 * What a 互认决定书 states (src/recognition/decision-credential.ts: buildDecisionCredential), read defensively from
 * a decoded payload for display: a missing or odd field becomes null or an empty list, never an exception.
 */
type Json = Record<string, unknown>;

export interface DecisionBasis {
  certificateType: string | null;
  numberMasked: string | null;
  credential: string | null;
}

export interface DecisionExemption {
  target: string;
  targetNameZh: string | null;
  targetNameEn: string | null;
  department: string | null;
  exempt: string[];
  rule: string | null;
  basis: DecisionBasis[];
}

export interface DecisionLevel {
  occupation: string;
  occupationName: string | null;
  deemedLevel: string | null;
  mayApplyFor: string | null;
  rule: string | null;
  basis: DecisionBasis[];
}

export interface DecisionFields {
  decisionId: string | null;
  holderName: string | null;
  idNumberMasked: string | null;
  asOf: string | null;
  region: string | null;
  national: string | null;
  province: string | null;
  factsHash: string | null;
  validFrom: string | null;
  validUntil: string | null;
  exemptions: DecisionExemption[];
  levels: DecisionLevel[];
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null;
const urn = (v: unknown) => text(v)?.replace(/^urn:uuid:/, '') ?? null;

export function isDecisionCredential(payload: Json): boolean {
  return Array.isArray(payload.type) && payload.type.includes('RecognitionDecision');
}

const basisOf = (v: unknown): DecisionBasis[] =>
  list(v).map((b) => ({
    certificateType: text(b.certificateType),
    numberMasked: text(b.numberMasked),
    credential: urn(b.credential),
  }));

export function decisionFields(payload: Json): DecisionFields {
  const subject = obj(payload.credentialSubject);
  const decision = obj(subject.decision);
  const policy = obj(decision.policy);
  return {
    decisionId: urn(decision.id),
    holderName: text(subject.name),
    idNumberMasked: text(subject.idNumberMasked),
    asOf: text(decision.asOf),
    region: text(decision.region),
    national: text(policy.national),
    province: text(policy.province),
    factsHash: text(obj(decision.factsHash).digest),
    validFrom: text(payload.validFrom)?.slice(0, 10) ?? null,
    validUntil: text(payload.validUntil)?.slice(0, 10) ?? null,
    exemptions: list(decision.exemptions).map((e) => ({
      target: text(e.target) ?? '—',
      targetNameZh: text(e.targetNameZh),
      targetNameEn: text(e.targetNameEn),
      department: text(e.department),
      exempt: Array.isArray(e.exempt) ? e.exempt.filter((x): x is string => typeof x === 'string') : [],
      rule: text(e.rule),
      basis: basisOf(e.basis),
    })),
    levels: list(decision.levels).map((l) => ({
      occupation: text(l.occupation) ?? '—',
      occupationName: text(l.occupationName),
      deemedLevel: text(l.deemedLevel),
      mayApplyFor: text(l.mayApplyFor),
      rule: text(l.rule),
      basis: basisOf(l.basis),
    })),
  };
}
