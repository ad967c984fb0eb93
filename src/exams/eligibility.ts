import { z } from 'zod';
import { type Occupation, schoolKindSchema } from '../catalog/catalog.model.ts';
import type { EvaluationResponse } from '../recognition/recognition.model.ts';

/**
 * Eligibility for a skill-level evaluation (issue 6 §3), as a value with reasons. The level a candidate already
 * holds comes from the recognition engine, so a special-operation certificate the notice deems 五级 (通知 二) satisfies
 * "取得本职业五级证书" exactly as a 五级 certificate would. The rest of the standard's 申报条件 — years in the
 * occupation, school, apprenticeship — cannot be known from the registry: the candidate declares them under the
 * 双承诺 commitment, and the answer says which were declared.
 */
export const declaredSchema = z.strictObject({
  /** 累计从事本职业年限; after the level held where the route says so (the candidate commits to it). */
  yearsInOccupation: z.number().min(0).max(60).optional(),
  school: schoolKindSchema.optional(),
  apprenticeship: z.boolean().optional(),
});
export type Declared = z.infer<typeof declaredSchema>;

export type RequirementStatus = 'met' | 'unmet' | 'unknown';

export interface RouteAnswer {
  id: string;
  textZh: string;
  textEn: string;
  status: RequirementStatus;
  requirements: { kind: 'level-held' | 'years' | 'school' | 'apprenticeship'; status: RequirementStatus }[];
}

export interface HeldLevel {
  level: number;
  /** Certificate numbers (masked) that support it. */
  basis: string[];
  /** The recognition rule: a national deemed-level rule, or the certificate's own level. */
  rule: string;
}

export type EligibilityReason =
  | 'route-met' // one of the standard's routes is met
  | 'no-route-met' // none is, on what is known and declared
  | 'level-already-held' // the candidate holds this level or a higher one of the occupation
  | 'no-routes-in-standard' // the catalog has no routes for this level (sources break off)
  | 'certificates-ignored'; // some certificates did not count (expired, suspended, revoked, not yet valid)

export interface Eligibility {
  eligible: boolean;
  occupation: string;
  level: string;
  reasonCodes: EligibilityReason[];
  heldLevel: HeldLevel | null;
  routes: RouteAnswer[];
  ignored: { number: string; type: string; reason: string }[];
  summaryZh: string;
  summaryEn: string;
}

function combine(statuses: RequirementStatus[]): RequirementStatus {
  if (statuses.includes('unmet')) return 'unmet';
  if (statuses.includes('unknown')) return 'unknown';
  return 'met';
}

export function decideEligibility(
  occupation: Occupation,
  level: string,
  evaluation: EvaluationResponse,
  declared: Declared,
): Eligibility {
  const held = evaluation.levels.find((l) => l.occupation === occupation.code);
  const heldLevel: HeldLevel | null = held
    ? { level: held.deemedLevel, basis: [...held.basis], rule: held.rule }
    : null;
  const target = Number(level);
  const spec = occupation.levels.find((l) => l.level === level);
  const routes: RouteAnswer[] = (spec?.routes ?? []).map((r) => {
    const requirements: RouteAnswer['requirements'] = [];
    if (r.requires.levelHeld !== undefined)
      requirements.push({
        kind: 'level-held',
        status: heldLevel && heldLevel.level <= Number(r.requires.levelHeld) ? 'met' : 'unmet',
      });
    if (r.requires.yearsInOccupation !== undefined)
      requirements.push({
        kind: 'years',
        status:
          declared.yearsInOccupation === undefined
            ? 'unknown'
            : declared.yearsInOccupation >= r.requires.yearsInOccupation
              ? 'met'
              : 'unmet',
      });
    if (r.requires.school !== undefined)
      requirements.push({
        kind: 'school',
        status:
          declared.school === undefined ? 'unknown' : declared.school === r.requires.school ? 'met' : 'unmet',
      });
    if (r.requires.apprenticeship)
      requirements.push({
        kind: 'apprenticeship',
        status: declared.apprenticeship === undefined ? 'unknown' : declared.apprenticeship ? 'met' : 'unmet',
      });
    return {
      id: r.id,
      textZh: r.textZh,
      textEn: r.textEn,
      status: combine(requirements.map((q) => q.status)),
      requirements,
    };
  });
  const ignored = evaluation.ignored.map((i) => ({ number: i.number, type: i.type, reason: i.reason }));
  const reasonCodes: EligibilityReason[] = [];
  const alreadyHeld = heldLevel !== null && heldLevel.level <= target;
  const met = routes.find((r) => r.status === 'met');
  if (alreadyHeld) reasonCodes.push('level-already-held');
  else if (routes.length === 0) reasonCodes.push('no-routes-in-standard');
  else reasonCodes.push(met ? 'route-met' : 'no-route-met');
  if (ignored.length > 0) reasonCodes.push('certificates-ignored');
  const eligible = !alreadyHeld && met !== undefined;
  return {
    eligible,
    occupation: occupation.code,
    level,
    reasonCodes,
    heldLevel,
    routes,
    ignored,
    ...summaries(occupation, level, eligible, heldLevel, met, alreadyHeld, ignored.length),
  };
}

const levelZh: Record<string, string> = { '5': '五级', '4': '四级', '3': '三级', '2': '二级', '1': '一级' };

/** Plain sentences, the way the recognition calculator explains itself (issue 6 §3). */
function summaries(
  occupation: Occupation,
  level: string,
  eligible: boolean,
  held: HeldLevel | null,
  met: RouteAnswer | undefined,
  alreadyHeld: boolean,
  ignoredCount: number,
): { summaryZh: string; summaryEn: string } {
  const target = `${occupation.nameZh}${levelZh[level] ?? level}`;
  const targetEn = `${occupation.nameEn} level ${level}`;
  const heldZh = held
    ? `您已具备${occupation.nameZh}${levelZh[String(held.level)]}（依据 ${held.basis.join('、')}，规则 ${held.rule}）。`
    : `登记的证书中没有${occupation.nameZh}的等级。`;
  const heldEn = held
    ? `You hold ${occupation.nameEn} level ${held.level} (from ${held.basis.join(', ')}, rule ${held.rule}). `
    : `None of your registered certificates gives a level in ${occupation.nameEn}. `;
  const ignoredZh = ignoredCount > 0 ? `另有 ${ignoredCount} 张证书因过期、暂停、吊销或未生效不计入。` : '';
  const ignoredEn =
    ignoredCount > 0
      ? ` ${ignoredCount} certificate(s) did not count (expired, suspended, revoked or not yet valid).`
      : '';
  if (alreadyHeld)
    return {
      summaryZh: `${heldZh}无需报考${target}。${ignoredZh}`,
      summaryEn: `${heldEn}No need to sit ${targetEn}.${ignoredEn}`,
    };
  if (eligible && met)
    return {
      summaryZh: `${heldZh}满足申报条件「${met.textZh}」，可以报考${target}。${ignoredZh}`,
      summaryEn: `${heldEn}You meet the condition "${met.textEn}" and may register for ${targetEn}.${ignoredEn}`,
    };
  return {
    summaryZh: `${heldZh}按已登记和您承诺的情况，尚不满足${target}的任何一项申报条件。${ignoredZh}`,
    summaryEn: `${heldEn}On what is registered and what you declared, no condition for ${targetEn} is met.${ignoredEn}`,
  };
}
