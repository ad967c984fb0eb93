import { type Kysely, sql } from 'kysely';
import type { StandardLevel } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { ItemType, Response } from '../exams/attempts.model.ts';
import { gradeItem } from '../exams/attempts.rules.ts';
import { chinaDateOf } from '../exams/plans.model.ts';
import { type ExamStandards, standardFor } from '../exams/plans.standards.ts';
import type { StaffRole } from '../exams/staffing.rules.ts';
import { todayInChina } from '../shared/clock.ts';
import type { PlanFacts } from './warnings.model.ts';

/**
 * Loads the facts the warning rules read about one plan (issue 8 §2), in a handful of set-based queries. Responses
 * are read in the paper's own item order, the last answer given per item (the log keeps every change).
 */
type Db = Kysely<Database>;

/** Canonical response text, so identical choices compare equal whatever order a multiple choice was ticked in. */
export function canonicalResponse(r: unknown): string | null {
  if (r === null || r === undefined) return null;
  if (Array.isArray(r)) return r.map(String).sort().join(',');
  return String(r);
}

export async function loadPlanFacts(
  db: Db,
  standards: ExamStandards,
  planId: string,
  now: Date,
  /** Read every answer too: the statistical rules need them, the per-event rules do not. */
  responses = true,
): Promise<PlanFacts | null> {
  const plan = await db
    .selectFrom('exam_plans')
    .select(['id', 'code', 'occupation', 'level', 'subjects', 'registration_opens'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) return null;
  const subjects = (plan.subjects as { kind: string; durationMinutes?: number }[]) ?? [];
  const standard = standardFor(standards, plan.occupation, plan.level as StandardLevel);
  const kinds = subjects.length > 0 ? subjects.map((s) => s.kind) : standard.subjects.map((s) => s.kind);
  const theoryMinutes =
    subjects.find((s) => s.kind === 'theory')?.durationMinutes ??
    standard.subjects.find((s) => s.kind === 'theory')?.durationMinutes ??
    90;

  const institutions = await db
    .selectFrom('exam_plan_institutions as pi')
    .innerJoin('institutions as i', 'i.id', 'pi.institution_id')
    .select(['i.id', 'i.name', 'i.province', 'i.status', 'i.valid_from', 'i.valid_until'])
    .where('pi.plan_id', '=', planId)
    .execute();
  const ids = institutions.map((i) => i.id);
  const scopes = ids.length
    ? await db.selectFrom('institution_scopes').selectAll().where('institution_id', 'in', ids).execute()
    : [];

  const sittings = await db
    .selectFrom('exam_sittings as s')
    .innerJoin('institution_sites as site', 'site.id', 's.site_id')
    .select([
      's.id',
      's.institution_id',
      'site.name as site_name',
      's.starts_at',
      's.ends_at',
      (eb) =>
        eb
          .selectFrom('exam_registrations as r')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('r.sitting_id', '=', 's.id')
          .where('r.status', '=', 'registered')
          .as('candidates'),
    ])
    .where('s.plan_id', '=', planId)
    .execute();
  const staff = await db
    .selectFrom('exam_staff')
    .select(['id', 'sitting_id', 'role', 'name', 'employer'])
    .where('plan_id', '=', planId)
    .execute();
  const employers = await db
    .selectFrom('exam_registrations')
    .select(['sitting_id', 'employer'])
    .where('plan_id', '=', planId)
    .where('status', '=', 'registered')
    .where('employer', 'is not', null)
    .execute();

  return {
    now,
    today: todayInChina({ now: () => now }),
    plan: {
      id: plan.id,
      code: plan.code,
      occupation: plan.occupation,
      level: plan.level,
      year: plan.registration_opens.slice(0, 4),
      subjects: kinds,
    },
    ratios: standard.staff,
    institutions: institutions.map((i) => ({
      id: i.id,
      name: i.name,
      province: i.province,
      status: i.status,
      validFrom: i.valid_from,
      validUntil: i.valid_until,
      scopes: scopes
        .filter((s) => s.institution_id === i.id)
        .map((s) => ({ occupation: s.occupation, level: s.level })),
    })),
    sittings: sittings.map((s) => ({
      id: s.id,
      institutionId: s.institution_id,
      siteName: s.site_name,
      startsAt: new Date(s.starts_at),
      endsAt: new Date(s.ends_at),
      candidates: Number(s.candidates ?? 0),
      staff: staff
        .filter((m) => m.sitting_id === s.id)
        .map((m) => ({ id: m.id, role: m.role as StaffRole, name: m.name, employer: m.employer })),
      candidateEmployers: [
        ...new Set(employers.filter((e) => e.sitting_id === s.id).map((e) => e.employer ?? '')),
      ].filter(Boolean),
    })),
    attempts: await loadAttempts(db, planId, theoryMinutes, responses),
    sheets: await loadSheets(db, planId),
    issued: await loadIssued(db, planId),
    overlaps: await loadOverlaps(db, planId),
    peers: await loadPeers(db, plan.occupation, plan.level, plan.registration_opens.slice(0, 4)),
  };
}

async function loadAttempts(
  db: Db,
  planId: string,
  allowedMinutes: number,
  withResponses: boolean,
): Promise<PlanFacts['attempts']> {
  const attempts = await db
    .selectFrom('exam_attempts as a')
    .innerJoin('exam_registrations as r', 'r.id', 'a.registration_id')
    .innerJoin('papers as p', 'p.id', 'a.paper_id')
    .select([
      'a.id',
      'a.registration_id',
      'r.sitting_id',
      'a.paper_id',
      'a.status',
      'a.started_at',
      'a.submitted_at',
      'a.score',
      'p.total_score',
    ])
    .where('r.plan_id', '=', planId)
    .execute();
  if (attempts.length === 0) return [];
  const paperIds = [...new Set(attempts.map((a) => a.paper_id))];
  const items = await db
    .selectFrom('paper_items as pi')
    .innerJoin('bank_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'pi.item_id').onRef('v.version', '=', 'pi.version'),
    )
    .innerJoin('bank_items as b', 'b.id', 'pi.item_id')
    .select(['pi.paper_id', 'pi.position', 'pi.item_id', 'b.type', 'v.answer', 'v.difficulty'])
    .where('pi.paper_id', 'in', paperIds)
    .orderBy('pi.paper_id')
    .orderBy('pi.position')
    .execute();
  // The last answer per (attempt, item): the log keeps every change with its time.
  const answers = !withResponses
    ? []
    : await db
        .selectFrom('exam_answers as x')
        .innerJoin('exam_attempts as a', 'a.id', 'x.attempt_id')
        .innerJoin('exam_registrations as r', 'r.id', 'a.registration_id')
        .select(['x.attempt_id', 'x.item_id', 'x.response'])
        .distinctOn(['x.attempt_id', 'x.item_id'])
        .where('r.plan_id', '=', planId)
        .orderBy('x.attempt_id')
        .orderBy('x.item_id')
        .orderBy('x.id', 'desc')
        .execute();
  const given = new Map(answers.map((a) => [`${a.attempt_id}|${a.item_id}`, a.response]));
  return attempts.map((a) => {
    const paper = items.filter((i) => i.paper_id === a.paper_id && i.type !== 'practical');
    const raw = paper.map((i) => given.get(`${a.id}|${i.item_id}`));
    return {
      registrationId: a.registration_id,
      sittingId: a.sitting_id,
      paperId: a.paper_id,
      status: a.status,
      startedAt: new Date(a.started_at),
      submittedAt: a.submitted_at ? new Date(a.submitted_at) : null,
      allowedMinutes,
      score: a.score === null ? null : Number(a.score),
      fullScore: Number(a.total_score),
      responses: {
        id: a.registration_id,
        responses: raw.map(canonicalResponse),
        correct: paper.map(
          (i, k) => gradeItem(i.type as ItemType, i.answer, raw[k] as Response | undefined) === 'correct',
        ),
      },
      difficulty: paper.map((i) => Number(i.difficulty)),
    };
  });
}

async function loadSheets(db: Db, planId: string): Promise<PlanFacts['sheets']> {
  const rows = await db
    .selectFrom('practical_scores as p')
    .innerJoin('exam_registrations as r', 'r.id', 'p.registration_id')
    .select(['p.registration_id', 'r.sitting_id', 'p.subject', 'p.total'])
    .where('r.plan_id', '=', planId)
    .orderBy('p.registration_id')
    .orderBy('p.subject')
    .execute();
  const out = new Map<string, PlanFacts['sheets'][number]>();
  for (const r of rows) {
    const key = `${r.registration_id}|${r.subject}`;
    const sheet = out.get(key) ?? {
      registrationId: r.registration_id,
      sittingId: r.sitting_id,
      subject: r.subject,
      totals: [],
    };
    sheet.totals.push(Number(r.total));
    out.set(key, sheet);
  }
  return [...out.values()];
}

async function loadIssued(db: Db, planId: string): Promise<PlanFacts['issued']> {
  const rows = await db
    .selectFrom('exam_results as x')
    .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
    .innerJoin('certificates as c', 'c.id', 'x.certificate_id')
    .leftJoin('archive_records as a', (j) =>
      j.onRef('a.registration_id', '=', 'x.registration_id').onRef('a.plan_id', '=', 'x.plan_id'),
    )
    .select([
      'x.registration_id',
      'r.institution_id',
      'c.id as certificate_id',
      'c.created_at',
      'a.content',
      'a.purged_at',
      'a.id as archive_id',
    ])
    .where('x.plan_id', '=', planId)
    .execute();
  return rows.map((r) => {
    const content = r.content as { scores?: { kind: string; score: number | null }[] } | null;
    return {
      registrationId: r.registration_id,
      institutionId: r.institution_id,
      certificateId: r.certificate_id,
      issuedOn: chinaDateOf(new Date(r.created_at)),
      archivedScores:
        r.archive_id === null ? null : r.purged_at !== null ? 'purged' : (content?.scores ?? []),
    };
  });
}

/** Registrations of this plan whose person holds another active registration at an overlapping time. */
async function loadOverlaps(db: Db, planId: string): Promise<PlanFacts['overlaps']> {
  const rows = await db
    .selectFrom('exam_registrations as a')
    .innerJoin('exam_registrations as b', (j) =>
      j
        .onRef('b.holder_id', '=', 'a.holder_id')
        .onRef('b.id', '!=', 'a.id')
        .onRef('b.starts_at', '<', 'a.ends_at')
        .onRef('a.starts_at', '<', 'b.ends_at'),
    )
    .select(['a.id', 'b.id as other', 'b.plan_id as other_plan', 'a.sitting_id'])
    .where('a.plan_id', '=', planId)
    .where('a.status', '=', 'registered')
    .where('b.status', '=', 'registered')
    .execute();
  return rows.map((r) => ({
    registrationId: r.id,
    otherRegistrationId: r.other,
    otherPlanId: r.other_plan,
    sittingId: r.sitting_id,
  }));
}

/** Pass counts per institution over every plan of the occupation and level opened in the year. */
async function loadPeers(
  db: Db,
  occupation: string,
  level: string,
  year: string,
): Promise<PlanFacts['peers']> {
  const rows = await db
    .selectFrom('exam_results as x')
    .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
    .innerJoin('exam_plans as p', 'p.id', 'x.plan_id')
    .select([
      'r.institution_id',
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string>`count(*) filter (where x.passed)`.as('passed'),
    ])
    .where('p.occupation', '=', occupation)
    .where('p.level', '=', level)
    .where('p.registration_opens', '>=', `${year}-01-01`)
    .where('p.registration_opens', '<=', `${year}-12-31`)
    .groupBy('r.institution_id')
    .execute();
  return rows.map((r) => ({ id: r.institution_id, n: Number(r.n), events: Number(r.passed) }));
}
