import { z } from 'zod';
import { type Occupation, schoolKindSchema } from '../catalog/catalog.model.ts';
import { yearsBetween } from '../recognition/recognition.engine.ts';
import { type EvaluationResponse, heldSkillLevelRule } from '../recognition/recognition.model.ts';

/**
 * Eligibility for a skill-level evaluation (issue 6 §3), as a value with reasons. The level a candidate already
 * holds comes from the recognition engine, so a special-operation certificate the notice deems 五级 (通知 二) satisfies
 * "取得本职业五级证书" exactly as a 五级 certificate would. The rest of the standard's 申报条件 — years in the
 * occupation, school, apprenticeship — cannot be known from the registry: the candidate declares them under the
 * 双承诺 commitment, and the answer says which were declared.
 */
export const declaredSchema = z.strictObject({
  /** 累计从事本职业年限: all years in the occupation (routes of years alone). */
  yearsInOccupation: z.number().min(0).max(60).optional(),
  /**
   * 取得下一级证书后从事本职业年限: years since obtaining the level a route requires ("取得五级证书后…4年"); never
   * counted beyond the age of the certificate that gives the level.
   */
  yearsSinceLevel: z.number().min(0).max(60).optional(),
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
  /** True when the level is only deemed (视同, 通知 二), not a skill-level certificate held. */
  deemed: boolean;
  /** Earliest start of validity of the certificates giving it. */
  since: string;
  /** Certificate numbers (masked) that support it. */
  basis: string[];
  /** The recognition rule: a national deemed-level rule, or the certificate's own level. */
  rule: string;
}

export type EligibilityReason =
  | 'route-met' // one of the standard's routes is met
  | 'no-route-met' // none is, on what is known and declared
  | 'level-already-held' // the candidate holds a skill-level certificate of this level or a higher one
  | 'deemed-level-not-held' // deemed (视同) this level or higher: a warning, 视同 is not holding the certificate
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
    ? {
        level: held.deemedLevel,
        deemed: held.rule !== heldSkillLevelRule,
        since: held.since,
        basis: [...held.basis],
        rule: held.rule,
      }
    : null;
  // "取得N级后…年" cannot reach back before the certificate that gives the level existed.
  const levelAge = heldLevel ? yearsBetween(heldLevel.since, evaluation.asOf) : 0;
  const target = Number(level);
  const spec = occupation.levels.find((l) => l.level === level);
  const routes: RouteAnswer[] = (spec?.routes ?? []).map((r) => {
    const requirements: RouteAnswer['requirements'] = [];
    if (r.requires.levelHeld !== undefined)
      requirements.push({
        kind: 'level-held',
        status: heldLevel && heldLevel.level <= Number(r.requires.levelHeld) ? 'met' : 'unmet',
      });
    const years = r.requires.yearsInOccupation;
    if (years !== undefined && r.requires.levelHeld !== undefined) {
      const since = declared.yearsSinceLevel;
      requirements.push({
        kind: 'years',
        status: since === undefined ? 'unknown' : since >= years && levelAge >= years ? 'met' : 'unmet',
      });
    } else if (years !== undefined) {
      // Years since a level are years in the occupation too: enough of those is enough of these.
      const total = declared.yearsInOccupation;
      const atLeast = declared.yearsSinceLevel;
      requirements.push({
        kind: 'years',
        status:
          total !== undefined
            ? total >= years
              ? 'met'
              : 'unmet'
            : atLeast !== undefined && atLeast >= years
              ? 'met'
              : 'unknown',
      });
    }
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
  // 视同 is not holding the certificate (issue 13 §6): a deemed level only warns; a certificate held refuses.
  const alreadyHeld = heldLevel !== null && !heldLevel.deemed && heldLevel.level <= target;
  const deemedAtLeast = heldLevel?.deemed === true && heldLevel.level <= target;
  const met = routes.find((r) => r.status === 'met');
  if (alreadyHeld) reasonCodes.push('level-already-held');
  else if (routes.length === 0) reasonCodes.push('no-routes-in-standard');
  else reasonCodes.push(met ? 'route-met' : 'no-route-met');
  if (deemedAtLeast) reasonCodes.push('deemed-level-not-held');
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
    ...summaries(occupation, level, eligible, heldLevel, met, alreadyHeld, deemedAtLeast, ignored.length),
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
  deemedAtLeast: boolean,
  ignoredCount: number,
): { summaryZh: string; summaryEn: string } {
  const target = `${occupation.nameZh}${levelZh[level] ?? level}`;
  const targetEn = `${occupation.nameEn} level ${level}`;
  // Plain words for the worker: certificate numbers (masked), never rule ids.
  const heldZh = held
    ? held.deemed
      ? `按《通知》，您的证书（${held.basis.join('、')}）视同${occupation.nameZh}${levelZh[String(held.level)]}。`
      : `您持有${occupation.nameZh}${levelZh[String(held.level)]}证书（${held.basis.join('、')}）。`
    : `登记的证书中没有${occupation.nameZh}的等级。`;
  const heldEn = held
    ? held.deemed
      ? `Under the notice your certificate(s) (${held.basis.join(', ')}) count as ${occupation.nameEn} level ${held.level}. `
      : `You hold a ${occupation.nameEn} level ${held.level} certificate (${held.basis.join(', ')}). `
    : `None of your registered certificates gives a level in ${occupation.nameEn}. `;
  const warnZh = deemedAtLeast ? '视同不等于持有该等级证书，您仍可报考。' : '';
  const warnEn = deemedAtLeast
    ? 'Counting as a level is not holding its certificate: you may still sit it. '
    : '';
  const ignoredZh =
    ignoredCount > 0 ? `另有 ${ignoredCount} 张证书因过期、待复审、暂停、吊销或未生效不计入。` : '';
  const ignoredEn =
    ignoredCount > 0
      ? ` ${ignoredCount} certificate(s) did not count (expired, review overdue, suspended, revoked or not yet valid).`
      : '';
  if (alreadyHeld)
    return {
      summaryZh: `${heldZh}无需报考${target}。${ignoredZh}`,
      summaryEn: `${heldEn}No need to sit ${targetEn}.${ignoredEn}`,
    };
  if (eligible && met)
    return {
      summaryZh: `${heldZh}${warnZh}满足申报条件「${met.textZh}」，可以报考${target}。${ignoredZh}`,
      summaryEn: `${heldEn}${warnEn}You meet the condition "${met.textEn}" and may register for ${targetEn}.${ignoredEn}`,
    };
  return {
    summaryZh: `${heldZh}${warnZh}按已登记和您承诺的情况，尚不满足${target}的任何一项申报条件。${ignoredZh}`,
    summaryEn: `${heldEn}${warnEn}On what is registered and what you declared, no condition for ${targetEn} is met.${ignoredEn}`,
  };
}
