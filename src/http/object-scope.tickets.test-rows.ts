import { api, type Fixtures, probe, type ScopeRow } from './object-scope.test-helpers.ts';

/**
 * 回应关切 (issue 14): a ticket of the HRSS office of 310000; another province's HRSS admin and a national admin of
 * another department miss it by scope (404). The public forms reach a ticket only by number + secret code.
 */
const ticketUrl = (step: string) => (f: Fixtures) => `${api}/tickets/${f.ticketSh}/${step}`;
const steps: Array<[string, object]> = [
  ['reply', { text: '越权答复 out of scope' }],
  ['request-info', { text: '越权 out of scope' }],
  ['transfer', { department: 'mohrss', province: '440000', reason: '越权 out of scope' }],
  ['close', {}],
  ['assign', { userId: null }],
  ['faq/preview', {}],
  ['faq/publish', { question: '越权问题', answer: '越权答复', confirmation: '0123456789abcdef' }],
];
export const ticketRows: ScopeRow[] = [
  ...probe(
    'GET /api/v1/tickets/:id',
    ['admin-440000', 'dept-mohurd'],
    (f) => `${api}/tickets/${f.ticketSh}`,
    404,
    'a ticket of another office',
  ),
  ...probe(
    'GET /api/v1/tickets/:id/attachments/:attachmentId',
    ['admin-440000', 'dept-mohurd'],
    (f) => `${api}/tickets/${f.ticketSh}/attachments/${f.ticketShAttachment}`,
    404,
    'an attachment of another office’s ticket',
  ),
  ...probe(
    'GET /api/v1/tickets/:id/colleagues',
    ['admin-440000', 'dept-mohurd'],
    ticketUrl('colleagues'),
    404,
    'the colleagues of another office’s ticket',
  ),
  ...steps.flatMap(([step, body]) =>
    probe(
      `POST /api/v1/tickets/:id/${step}`,
      ['admin-440000', 'dept-mohurd'],
      ticketUrl(step),
      404,
      'a ticket of another office',
      { payload: () => ({ ...body }) },
    ),
  ),
  ...[
    'POST /api/v1/public/tickets',
    'POST /api/v1/public/tickets/lookup',
    'POST /api/v1/public/tickets/supplement',
    'POST /api/v1/public/tickets/rate',
  ].map(
    (route): ScopeRow => ({
      kind: 'exempt',
      route,
      why: 'public: creates a ticket, or reaches one only by its number and secret code (a wrong code is a 404 like a miss)',
    }),
  ),
];
