import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { exportQti, importQti, qtiImportQuerySchema } from './bank.import.ts';
import {
  createEnemySetSchema,
  createItemSchema,
  enemySetViewSchema,
  itemDetailSchema,
  itemViewSchema,
  listItemsSchema,
  transitionSchema,
  updateItemSchema,
} from './bank.model.ts';
import { bankActions } from './bank.rules.ts';
import {
  type BankDeps,
  createEnemySet,
  createItem,
  getItemDetail,
  listEnemySets,
  listItems,
  transitionItem,
  updateItem,
} from './bank.service.ts';

const tags = ['bank'];
// Institution operators assemble papers, so they read active items — without answer keys, which stay with the
// bank's authors and reviewers in scope (issue 17 §4, `itemAccess`); candidates never reach these routes.
const readers = { roles: ['system-admin', 'province-admin', 'institution-operator'] } as const;
// Contributors and reviewers (issue 7 §1: provinces contribute, review before use); the service checks province.
const editors = { roles: ['system-admin', 'province-admin'] } as const;
const idParams = z.object({ id: z.uuid() });
const QTI_TYPE = 'application/xml';

/** The unified question bank (统一题库, issue 7 §1). */
export async function bankRoutes(base: FastifyInstance, deps: BankDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // One QTI document per request, as text; registered in this plugin only (encapsulated).
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/bank/items',
    {
      schema: {
        tags,
        summary:
          '题库 Items with their current version, by occupation, level, status, type and 鉴定要素 prefix',
        querystring: listItemsSchema,
        response: { 200: z.object({ items: z.array(itemViewSchema), next: z.string().optional() }) },
      },
      config: { access: readers },
    },
    async (request) => listItems(deps, principalOf(request), request.query),
  );

  app.get(
    '/bank/items/:id',
    {
      schema: {
        tags,
        summary: '试题详情 An item with every version, newest first',
        params: idParams,
        response: { 200: itemDetailSchema },
      },
      config: { access: readers },
    },
    async (request) => getItemDetail(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/bank/items',
    {
      schema: {
        tags,
        summary: '入库 Contribute an item (a draft, version 1)',
        body: createItemSchema,
        response: { 201: itemViewSchema },
      },
      config: { access: editors },
    },
    async (request, reply) => {
      const view = await createItem(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.put(
    '/bank/items/:id',
    {
      schema: {
        tags,
        summary: '修订 Edit: a new version (back to draft); earlier versions stay as papers pinned them',
        params: idParams,
        body: updateItemSchema,
        response: { 200: itemViewSchema },
      },
      config: { access: editors },
    },
    async (request) =>
      updateItem(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  const summaries = {
    review: '审核 Review a draft (not by its last editor: 四眼原则)',
    activate: '启用 Activate a reviewed item (not by its last editor)',
    retire: '停用 Retire an active item',
    return: '退回 Send a reviewed item back to draft',
  };
  for (const action of bankActions) {
    app.post(
      `/bank/items/:id/${action}`,
      {
        schema: {
          tags,
          summary: summaries[action],
          params: idParams,
          body: transitionSchema,
          response: { 200: itemViewSchema },
        },
        config: { access: editors },
      },
      async (request) =>
        transitionItem(
          deps,
          auditContextOf(request, deps.clock),
          principalOf(request),
          request.params.id,
          action,
          request.body.comment,
        ),
    );
  }

  app.get(
    '/bank/items/:id/qti',
    {
      schema: {
        tags,
        summary: 'QTI 3.0 export of a choice item (current version, or `version`) as a qti-assessment-item',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
      },
      config: { access: readers },
    },
    async (request, reply) => {
      const xml = await exportQti(deps, principalOf(request), request.params.id, request.query.version);
      return reply.type(`${QTI_TYPE}; charset=utf-8`).send(xml);
    },
  );

  app.post(
    '/bank/qti',
    {
      schema: {
        tags,
        summary:
          'QTI 3.0 import: one qti-assessment-item per request (Content-Type application/xml), choice items only; ' +
          'it enters as a draft with the occupation, level and 鉴定要素 given in the query',
        querystring: qtiImportQuerySchema,
        response: { 201: itemViewSchema },
      },
      config: { access: editors },
    },
    async (request, reply) => {
      const body = typeof request.body === 'string' ? request.body : '';
      const view = await importQti(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        body,
        request.query,
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/bank/enemy-sets',
    {
      schema: {
        tags,
        summary:
          '互斥题组 Enemy sets (items that must not appear on one paper); `itemId` narrows to one item',
        querystring: z.object({ itemId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(enemySetViewSchema) }) },
      },
      config: { access: readers },
    },
    async (request) => ({ items: await listEnemySets(deps, principalOf(request), request.query.itemId) }),
  );

  app.post(
    '/bank/enemy-sets',
    {
      schema: {
        tags,
        summary: '新建互斥题组 Create an enemy set of two or more items',
        body: createEnemySetSchema,
        response: { 201: enemySetViewSchema },
      },
      config: { access: editors },
    },
    async (request, reply) => {
      const view = await createEnemySet(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.body,
      );
      return reply.code(201).send(view);
    },
  );
}
