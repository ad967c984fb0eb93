import { makeInstitution } from '../institutions/institution.test-helpers.ts';
import { api, comment, probe, reason, type ScopeRow, type Url } from './object-scope.test-helpers.ts';

/**
 * Object-scope probes of registrations, attempts and results, the institution register and supervision (issue 17
 * §4). The objects are Shanghai's (310000): an open plan of a Shanghai institution with a candidate registered, their
 * attempt and published result, the filing of a Shanghai institution and a warning sent to it; a caller of
 * Guangdong (440000), of another institution, or another holder misses them.
 */
const roster = { filename: 'roster.csv', content: '姓名,证件号码,承诺\n越权,110101199001010019,是\n' };

const joint: Url = (f) => `${api}/plans/${f.jointPlan}`;
const registration: Url = (f) => `${api}/registrations/${f.registration}`;
const attempt: Url = (f) => `${api}/attempts/${f.attempt}`;
const institution: Url = (f) => `${api}/institutions/${f.institutionSh}`;
const warning: Url = (f) => `${api}/warnings/${f.warning}`;

// Registration, the exam and results: a registration is its candidate's, its sitting institution's and its
// province's; an attempt its candidate's only; a plan never approved is no candidate's business.
const exams: ScopeRow[] = [
  ...probe(
    'POST /api/v1/plans/:planId/eligibility',
    'holder-other',
    (f) => `${joint(f)}/eligibility`,
    404,
    'a draft plan is not public',
    {
      payload: () => ({ declared: { yearsInOccupation: 6 } }),
    },
  ),
  ...probe(
    'POST /api/v1/plans/:planId/registrations',
    'holder-other',
    (f) => `${joint(f)}/registrations`,
    404,
    'a draft plan is not public',
    {
      payload: (f) => ({
        sittingId: f.jointSitting,
        declared: { yearsInOccupation: 6 },
        commitment: { accepted: true, version: '2026-01' },
      }),
    },
  ),
  ...probe(
    'POST /api/v1/plans/:planId/registrations/batch',
    'operator-gd',
    (f) => `${api}/plans/${f.openPlan}/registrations/batch?sittingId=${f.openSitting}`,
    404,
    'another institution’s sitting',
    {
      file: roster,
    },
  ),
  ...probe(
    'POST /api/v1/plans/:planId/registrations/batch',
    'operator-gd',
    (f) => `${joint(f)}/registrations/batch?sittingId=${f.jointSitting}`,
    404,
    'another institution’s sitting of a draft plan',
    {
      file: roster,
    },
  ),
  ...probe(
    'GET /api/v1/registrations/:id',
    ['admin-440000', 'supervisor-440000', 'operator-gd', 'holder-other'],
    registration,
    404,
    'another province’s, institution’s or candidate’s registration',
  ),
  ...probe(
    'POST /api/v1/registrations/:id/cancel',
    ['admin-440000', 'operator-gd', 'holder-other'],
    (f) => `${registration(f)}/cancel`,
    404,
    'another province’s, institution’s or candidate’s registration',
  ),
  ...probe(
    'POST /api/v1/registrations/:id/practical-scores',
    'operator-gd',
    (f) => `${registration(f)}/practical-scores`,
    404,
    'another institution’s candidate',
    {
      payload: () => ({
        staffId: '00000000-0000-4000-8000-000000000000',
        subject: 'skills',
        criteria: [{ criterion: '越权', points: 1 }],
      }),
    },
  ),
  ...probe(
    'GET /api/v1/registrations/:id/practical-scores',
    ['operator-gd', 'supervisor-440000'],
    (f) => `${registration(f)}/practical-scores`,
    404,
    'another institution’s or province’s candidate',
  ),
  ...probe(
    'POST /api/v1/registrations/:id/appeal',
    'holder-other',
    (f) => `${registration(f)}/appeal`,
    404,
    'another candidate’s result',
    {
      payload: reason,
    },
  ),
  ...probe(
    'POST /api/v1/registrations/:id/appeal/resolve',
    'operator-gd',
    (f) => `${registration(f)}/appeal/resolve`,
    404,
    'another institution’s candidate',
    {
      payload: () => ({ outcome: 'rejected', resolution: '越权 out of scope' }),
    },
  ),
  ...probe(
    'POST /api/v1/registrations/:id/attempt',
    'holder-other',
    (f) => `${registration(f)}/attempt`,
    404,
    'another candidate’s registration',
  ),
  ...probe('GET /api/v1/attempts/:id', 'holder-other', attempt, 404, 'another candidate’s attempt'),
  ...probe(
    'PUT /api/v1/attempts/:id/answers/:itemId',
    'holder-other',
    (f) => `${attempt(f)}/answers/${f.attemptItem}`,
    404,
    'another candidate’s attempt',
    {
      payload: () => ({ response: ['A'] }),
    },
  ),
  ...probe(
    'POST /api/v1/attempts/:id/submit',
    'holder-other',
    (f) => `${attempt(f)}/submit`,
    404,
    'another candidate’s attempt',
  ),
];

// The institution register: another province's filing is not theirs to change, nor its history to read.
const institutions: ScopeRow[] = [
  ...probe(
    'POST /api/v1/institutions',
    'admin-440000',
    () => `${api}/institutions`,
    403,
    'filing in another province',
    {
      payload: () => makeInstitution(917, { province: '310000' }),
    },
  ),
  ...probe('PATCH /api/v1/institutions/:id', 'admin-440000', institution, 404, 'another province’s filing', {
    payload: () => ({ version: 1, name: '越权' }),
  }),
  ...probe(
    'POST /api/v1/institutions/:id/renew',
    'admin-440000',
    (f) => `${institution(f)}/renew`,
    404,
    'another province’s filing',
    {
      payload: () => ({ validUntil: '2035-12-31' }),
    },
  ),
  ...(['suspend', 'reinstate', 'withdraw'] as const).flatMap((action) =>
    probe(
      `POST /api/v1/institutions/:id/${action}`,
      'admin-440000',
      (f) => `${institution(f)}/${action}`,
      404,
      'another province’s filing',
      {
        payload: reason,
      },
    ),
  ),
  ...probe(
    'GET /api/v1/institutions/:id/history',
    ['admin-440000', 'supervisor-440000'],
    (f) => `${institution(f)}/history`,
    404,
    'another province’s filing',
  ),
];

// Supervision: a warning is its province's and, once sent, its institution's.
const supervision: ScopeRow[] = [
  ...probe(
    'GET /api/v1/warnings/:id',
    ['supervisor-440000', 'admin-440000', 'operator-gd'],
    warning,
    404,
    'another province’s or institution’s warning',
  ),
  ...probe(
    'POST /api/v1/warnings/:id/actions',
    ['supervisor-440000', 'admin-440000'],
    (f) => `${warning(f)}/actions`,
    404,
    'another province’s warning',
    {
      payload: () => ({ action: 'accept', comment: '越权 out of scope' }),
    },
  ),
  ...probe(
    'POST /api/v1/warnings/:id/feedback',
    'operator-gd',
    (f) => `${warning(f)}/feedback`,
    404,
    'another institution’s warning',
    {
      payload: comment,
    },
  ),
  ...probe(
    'GET /api/v1/warnings/:id/attachments/:attachmentId',
    ['supervisor-440000', 'operator-gd'],
    (f) => `${warning(f)}/attachments/${f.attachment}`,
    404,
    'another province’s or institution’s warning',
  ),
];

export const examRows: ScopeRow[] = [...exams, ...institutions, ...supervision];
