import {
  api,
  comment,
  type Fixtures,
  probe,
  reason,
  type ScopeRow,
  type Url,
} from './object-scope.test-helpers.ts';

/**
 * Object-scope probes of the question bank and of exam plans with their sittings, papers and staffing (issue 17
 * §4). The objects are Shanghai's (310000): bank items, and a Shanghai-led Shanghai–Jiangsu draft plan with a sitting
 * at the Shanghai institution and a paper; a caller of Guangdong (440000), of Jiangsu (the partner), or of another
 * institution misses them.
 */
const bankEdit = () => ({
  type: 'single',
  stem: '越权修改',
  options: [
    { id: 'A', text: 'a' },
    { id: 'B', text: 'b' },
  ],
  answer: ['A'],
  score: 1,
  difficulty: 0.3,
  baseVersion: 1,
});
const sitting = (f: Fixtures) => ({
  institutionId: f.institutionSh,
  siteId: f.siteSh,
  startsAt: '2027-04-11T09:00:00+08:00',
  endsAt: '2027-04-11T12:00:00+08:00',
  capacity: 30,
});
const blueprint = () => ({
  occupation: '6-31-01-03',
  level: '4',
  subject: 'theory',
  totalScore: 2,
  rows: [{ knowledgePoint: '越权', type: 'single', difficulty: 'easy', count: 1, scoreEach: 2 }],
});
const singlePlan = (f: Fixtures) => ({
  kind: 'single',
  name: '越权',
  occupation: '6-31-01-03',
  level: '4',
  institutionIds: [f.institutionSh],
  registrationOpens: '2027-03-01',
  registrationCloses: '2027-03-31',
});

const draftItem: Url = (f) => `${api}/bank/items/${f.bankDraftSh}`;
const activeItem: Url = (f) => `${api}/bank/items/${f.bankActiveSh}`;
const joint: Url = (f) => `${api}/plans/${f.jointPlan}`;
const jointSitting: Url = (f) => `${joint(f)}/sittings/${f.jointSitting}`;
const paper: Url = (f) => `${api}/papers/${f.jointPaper}`;
const staffing: Url = (f) => `${api}/sittings/${f.jointSitting}`;

// The question bank: another province's draft does not exist for them; an item in use is shared, so acting on it
// is a 403; its answer key (QTI) is the authors' only.
const bank: ScopeRow[] = [
  ...probe('GET /api/v1/bank/items/:id', 'admin-440000', draftItem, 404, 'another province’s draft'),
  ...probe(
    'GET /api/v1/bank/items/:id/qti',
    'operator-gd',
    (f) => `${activeItem(f)}/qti`,
    403,
    'the answer key of an item in use',
  ),
  ...probe('PUT /api/v1/bank/items/:id', 'admin-440000', activeItem, 403, 'another province’s item in use', {
    payload: bankEdit,
  }),
  ...(['review', 'activate', 'retire', 'return'] as const).flatMap((action) =>
    probe(
      `POST /api/v1/bank/items/:id/${action}`,
      'admin-320000',
      (f) => `${draftItem(f)}/${action}`,
      404,
      'another province’s draft',
      {
        payload: comment,
      },
    ),
  ),
  // The draft is as unknown as an absent item (400 with its path, as for any unknown id).
  ...probe(
    'POST /api/v1/bank/enemy-sets',
    'admin-320000',
    () => `${api}/bank/enemy-sets`,
    400,
    'another province’s draft among the items',
    {
      payload: (f) => ({ name: '越权', itemIds: [f.bankActiveSh, f.bankDraftSh] }),
    },
  ),
  // A province admin's item is their province's whatever the body says; a system admin's province is chosen.
  ...probe(
    'POST /api/v1/bank/items',
    'admin-320000',
    () => `${api}/bank/items`,
    403,
    'contributing for another province',
    {
      payload: () => ({
        ...bankEdit(),
        baseVersion: undefined,
        occupation: '6-31-01-03',
        level: '4',
        knowledgePoint: 'x',
        province: '310000',
      }),
    },
  ),
];

// A joint plan as a whole is the lead province's (plans.whole.ts); its draft is unknown outside its provinces, and
// a partner province sees it but acts neither for the lead nor for another province's institution.
const plans: ScopeRow[] = [
  ...probe('GET /api/v1/plans/:id', 'admin-440000', joint, 404, 'a draft outside the province'),
  ...probe('PATCH /api/v1/plans/:id', 'admin-440000', joint, 404, 'a draft outside the province', {
    payload: () => ({ name: '越权', version: 1 }),
  }),
  ...(['approve', 'cancel', 'close'] as const).flatMap((act) =>
    probe(
      `POST /api/v1/plans/:id/${act}`,
      'admin-440000',
      (f) => `${joint(f)}/${act}`,
      404,
      'a draft plan outside the province',
      {
        payload: () => (act === 'cancel' ? reason() : { version: 1, reason: '越权' }),
      },
    ),
  ),
  ...probe(
    'POST /api/v1/plans',
    ['admin-440000', 'operator-gd'],
    () => `${api}/plans`,
    403,
    'a single plan of another province’s institution',
    {
      payload: singlePlan,
    },
  ),
  ...probe(
    'POST /api/v1/plans/:planId/supervision/run',
    'supervisor-440000',
    (f) => `${joint(f)}/supervision/run`,
    404,
    'a plan with nothing in the supervisor’s province',
  ),
  ...probe(
    'POST /api/v1/plans/:planId/archive/purge',
    'admin-320000',
    (f) => `${joint(f)}/archive/purge`,
    403,
    'a partner: the lead purges',
  ),
  ...probe(
    'GET /api/v1/plans/:planId/archive/verify',
    'admin-440000',
    (f) => `${joint(f)}/archive/verify`,
    404,
    'a plan outside the province',
  ),
  ...(['results', 'registrations'] as const).flatMap((what) =>
    probe(
      `GET /api/v1/plans/:planId/${what}`,
      'admin-440000',
      (f) => `${joint(f)}/${what}`,
      404,
      'a plan outside the province',
    ),
  ),
  ...(['compute', 'publish', 'issue'] as const).flatMap((step) =>
    probe(
      `POST /api/v1/plans/:planId/results/${step}`,
      'admin-440000',
      (f) => `${joint(f)}/results/${step}`,
      404,
      'a plan outside the province',
      {
        payload: () => ({}),
      },
    ),
  ),
  // Sittings: 404 where the draft is unknown; 403 for a partner, who sees it but not for the Shanghai institution.
  ...probe(
    'POST /api/v1/plans/:id/sittings',
    'admin-440000',
    (f) => `${joint(f)}/sittings`,
    404,
    'a draft plan outside the province',
    {
      payload: sitting,
    },
  ),
  ...probe(
    'POST /api/v1/plans/:id/sittings',
    ['admin-320000', 'operator-js'],
    (f) => `${joint(f)}/sittings`,
    403,
    'at a partner’s institution',
    {
      payload: sitting,
    },
  ),
  ...(['PATCH', 'DELETE'] as const).flatMap((method) => {
    const route = `${method} /api/v1/plans/:id/sittings/:sittingId`;
    const extra = method === 'PATCH' ? { payload: () => ({ capacity: 40 }) } : {};
    return [
      ...probe(route, 'admin-440000', jointSitting, 404, 'a draft outside the province', extra),
      ...probe(route, 'admin-320000', jointSitting, 403, 'a sitting at a partner’s institution', extra),
    ];
  }),
  // Papers are confidential: those who assemble them (for a joint plan, the lead province) and supervisors.
  ...probe(
    'POST /api/v1/plans/:planId/papers',
    'admin-440000',
    (f) => `${joint(f)}/papers`,
    404,
    'a draft plan outside the province',
    {
      payload: blueprint,
    },
  ),
  ...probe(
    'POST /api/v1/plans/:planId/papers',
    ['admin-320000', 'operator-js'],
    (f) => `${joint(f)}/papers`,
    403,
    'a partner of a joint plan: the lead province assembles',
    {
      payload: blueprint,
    },
  ),
  ...probe(
    'GET /api/v1/plans/:planId/papers',
    'admin-440000',
    (f) => `${joint(f)}/papers`,
    404,
    'a plan outside the province',
  ),
  ...probe(
    'GET /api/v1/papers/:id',
    ['admin-440000', 'operator-gd', 'supervisor-440000'],
    paper,
    404,
    'a paper of a draft plan outside the scope',
  ),
  ...probe(
    'GET /api/v1/papers/:id',
    'admin-320000',
    paper,
    403,
    'a partner of a joint plan: papers are the lead’s',
  ),
  ...probe(
    'POST /api/v1/papers/:id/lock',
    'admin-440000',
    (f) => `${paper(f)}/lock`,
    404,
    'a paper of a draft plan outside the scope',
  ),
  ...probe(
    'POST /api/v1/papers/:id/lock',
    'operator-js',
    (f) => `${paper(f)}/lock`,
    403,
    'a partner: the lead locks',
  ),
  // Staffing is the sitting institution's; it is seen as the sitting's registrations are.
  ...probe(
    'POST /api/v1/sittings/:id/staff',
    ['operator-gd', 'operator-js'],
    (f) => `${staffing(f)}/staff`,
    404,
    'another institution’s sitting',
    {
      payload: () => ({ role: 'examiner', name: '越权', employer: '越权单位' }),
    },
  ),
  ...probe(
    'GET /api/v1/sittings/:id/staffing',
    ['admin-320000', 'supervisor-440000', 'operator-js'],
    (f) => `${staffing(f)}/staffing`,
    404,
    'a sitting of another province or institution',
  ),
];

export const planRows: ScopeRow[] = [...bank, ...plans];
