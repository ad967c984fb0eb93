/**
 * Pure rules of live monitoring (issue 8 §1): whose view covers which event, plan and warning, the display line of
 * an event, and the server-sent-events framing. No I/O; the clock's reading is passed in.
 */
import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import {
  closedWarningStatuses,
  type EventFacts,
  type LiveEvent,
  type LiveFilter,
  type LiveScope,
  type SittingPhase,
  type WarningChange,
  type WarningFacts,
} from './live.model.ts';

const CST_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export type ScopeDecision = { ok: true; scope: LiveScope } | { ok: false; code: 'outside-province' };

/**
 * The viewer's scope: a provincial supervisor is narrowed to their province (no filter = their province); asking
 * for another province is refused (403), never silently widened or emptied. National supervisors and system admins
 * see what they filter.
 */
export function scopeOf(principal: Principal, filter: LiveFilter): ScopeDecision {
  if (filter.province !== undefined && !coversScope(principal, { province: filter.province }))
    return { ok: false, code: 'outside-province' };
  const own = principal.role === 'supervisor' ? principal.province : null;
  return {
    ok: true,
    scope: {
      province: filter.province ?? own,
      institution: filter.institution ?? null,
      occupation: filter.occupation ?? null,
    },
  };
}

/**
 * An event about a plan as a whole (the plan itself, its papers, or with no province of its own, like results
 * computed) belongs to every province the plan touches: its lead province and those of its institutions. Any other
 * event (a sitting, a registration, an attempt, an institution's filing) belongs to its own province only, so a
 * Shanghai supervisor never sees a Zhejiang sitting of a joint plan Shanghai takes part in.
 */
export function isPlanWide(e: Pick<EventFacts, 'subjectType' | 'province' | 'planId'>): boolean {
  return e.planId !== null && (e.subjectType === 'plan' || e.subjectType === 'paper' || e.province === null);
}

export function isEventInScope(scope: LiveScope, e: EventFacts): boolean {
  const planWide = isPlanWide(e);
  if (scope.province !== null) {
    const p = scope.province;
    const inProvince = planWide
      ? e.plan !== null && (e.plan.leadProvince === p || e.plan.parties.some((x) => x.province === p))
      : e.province === p;
    if (!inProvince) return false;
  }
  if (scope.institution !== null) {
    const i = scope.institution;
    const ofInstitution =
      e.institutionId === i || (planWide && e.plan?.parties.some((x) => x.institutionId === i) === true);
    if (!ofInstitution) return false;
  }
  if (scope.occupation !== null && e.plan?.occupation !== scope.occupation) return false;
  return true;
}

/** A warning is seen by the province it was raised in (a warning without a province by national viewers only). */
export function isWarningInScope(scope: LiveScope, w: WarningFacts): boolean {
  return (
    (scope.province === null || w.province === scope.province) &&
    (scope.institution === null || w.institutionId === scope.institution) &&
    (scope.occupation === null || w.occupation === scope.occupation)
  );
}

const labels: Record<string, [string, string]> = {
  'institution.filed': ['机构备案', 'Institution filed'],
  'institution.updated': ['机构信息变更', 'Institution updated'],
  'institution.renewed': ['备案延续', 'Filing renewed'],
  'institution.suspended': ['暂停备案', 'Filing suspended'],
  'institution.reinstated': ['恢复备案', 'Filing reinstated'],
  'institution.withdrawn': ['撤销备案', 'Filing withdrawn'],
  'plan.created': ['创建认定计划', 'Plan created'],
  'plan.updated': ['修改认定计划', 'Plan updated'],
  'plan.approved': ['批准认定计划', 'Plan approved'],
  'plan.cancelled': ['取消认定计划', 'Plan cancelled'],
  'plan.closed': ['结束认定计划', 'Plan closed'],
  'sitting.created': ['新增考场', 'Sitting added'],
  'sitting.updated': ['考场变更', 'Sitting changed'],
  'sitting.removed': ['删除考场', 'Sitting removed'],
  'registration.created': ['考生报名', 'Candidate registered'],
  'registration.cancelled': ['取消报名', 'Registration cancelled'],
  'registration.batch': ['批量报名', 'Batch registration'],
  'paper.assembled': ['组卷', 'Paper assembled'],
  'paper.locked': ['试卷锁定', 'Paper locked'],
  'results.computed': ['合成成绩', 'Results computed'],
  'results.published': ['成绩公示', 'Results published'],
  'results.appealed': ['成绩申诉', 'Result appealed'],
  'results.appeal-resolved': ['申诉处理', 'Appeal resolved'],
  'score.changed': ['修改评分', 'Score changed'],
  'certificate.issued': ['发放证书', 'Certificate issued'],
  'issuance.requested': ['一试多证待部门核发', 'Issuance requested from a department'],
  'archive.purged': ['档案到期清理', 'Archive purged'],
  'attempt.started': ['考生开考', 'Attempt started'],
  'attempt.submitted': ['考生交卷', 'Attempt submitted'],
  'staff.assigned': ['配置考务人员', 'Staff assigned'],
};

const staffRoles: Record<string, [string, string]> = {
  invigilator: ['监考', 'invigilator'],
  examiner: ['考评员', 'examiner'],
  reviewer: ['评审专家', 'reviewer'],
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** `2027-04-10T09:00:00+08:00` → `2027-04-10 09:00` (sittings are scheduled in China Standard Time). */
function chinaMinute(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The facts of a payload worth a glance, Chinese and English; never an identifier of a person. */
function detailOf(kind: string, p: Record<string, unknown>): [string, string] | null {
  const startsAt = str(p.startsAt);
  const capacity = num(p.capacity);
  if (kind.startsWith('sitting.') && startsAt)
    return [
      `${chinaMinute(startsAt)}${capacity !== null ? ` 容量 ${capacity}` : ''}`,
      `${chinaMinute(startsAt)}${capacity !== null ? `, capacity ${capacity}` : ''}`,
    ];
  const count = num(p.computed) ?? num(p.published) ?? num(p.registered);
  if (count !== null) return [`${count} 人`, `${count} candidates`];
  if (kind === 'score.changed' && num(p.from) !== null && num(p.to) !== null)
    return [`${p.from} → ${p.to} 分`, `${p.from} → ${p.to} points`];
  if (kind === 'attempt.submitted' && num(p.answered) !== null)
    return [`作答 ${p.answered} 题`, `${p.answered} answered`];
  const role = str(p.role) ? staffRoles[p.role as string] : undefined;
  if (role) return role;
  const reason = str(p.reason);
  if (reason) return [`原因：${reason}`, `reason: ${reason}`];
  return null;
}

/** The event's display line: what happened, in which plan and institution, and a fact or two. */
export function summarizeEvent(e: EventFacts): { zh: string; en: string } {
  const [zh, en] = labels[e.kind] ?? [e.kind, e.kind];
  const where = [e.plan?.code ?? null, e.institutionName].filter((x): x is string => x !== null);
  const detail = detailOf(e.kind, e.payload);
  return {
    zh: [zh, ...where, ...(detail ? [detail[0]] : [])].join(' · '),
    en: [en, ...where, ...(detail ? [detail[1]] : [])].join(' · '),
  };
}

export function toLiveEvent(e: EventFacts): LiveEvent {
  return {
    id: String(e.id),
    at: e.at.toISOString(),
    kind: e.kind,
    actor: e.actorLabel,
    province: e.province,
    institutionId: e.institutionId,
    institutionName: e.institutionName,
    planId: e.planId,
    planCode: e.plan?.code ?? null,
    occupation: e.plan?.occupation ?? null,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    summary: summarizeEvent(e),
  };
}

export function isWarningOpen(status: string): boolean {
  return !closedWarningStatuses.includes(status);
}

export function toWarningChange(w: WarningFacts): WarningChange {
  const { updatedAt, ...rest } = w;
  return { ...rest, isOpen: isWarningOpen(w.status), updatedAt: updatedAt.toISOString() };
}

/** Today in China Standard Time as an instant range [start, end). */
export function chinaDayOf(now: Date): { start: Date; end: Date } {
  const start = Math.floor((now.getTime() + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

export function sittingPhaseAt(startsAt: Date, endsAt: Date, now: Date): SittingPhase {
  if (now < startsAt) return 'upcoming';
  return now < endsAt ? 'in-progress' : 'ended';
}

// ---------------------------------------------------------------------------------------------------------------
// Server-sent events (WHATWG HTML §9.2): `event:`, `id:` and one `data:` line of JSON (JSON.stringify never emits a
// raw newline), a blank line ending each frame; a line starting with a colon is a comment, used as heartbeat.

export function sseFrame(event: string, data: unknown, id?: string): string {
  return `event: ${event}\n${id !== undefined ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

export const heartbeatFrame = ': heartbeat\n\n';

/** How long an EventSource waits before reconnecting (ms). */
export const retryFrame = (ms: number) => `retry: ${ms}\n\n`;
