import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import { AppError } from '../shared/errors.ts';
import { createItemSchema, type ItemView, itemLevels } from './bank.model.ts';
import { exportQtiItem, importQtiItem } from './bank.qti.ts';
import { type BankDeps, createItem, getItemVersion } from './bank.service.ts';

/**
 * QTI 3.0 exchange over HTTP (issue 7 §1). An item carries no occupation, level or 鉴定要素 of ours, so the importer
 * names them; the item then enters the bank as a draft like any contribution and goes through review.
 */
export const qtiImportQuerySchema = z.object({
  occupation: z.string(),
  level: z.enum(itemLevels),
  knowledgePoint: z.string(),
  difficulty: z.coerce.number().min(0).max(1).default(0.5),
  /** Used when the document has no MAXSCORE outcome (items from other tools). */
  score: z.coerce.number().positive().max(100).default(1),
  province: z.string().optional(),
});
export type QtiImportQuery = z.infer<typeof qtiImportQuerySchema>;

export async function importQti(
  deps: BankDeps,
  ctx: AuditContext,
  principal: Principal,
  xml: string,
  query: QtiImportQuery,
): Promise<ItemView> {
  const parsed = importQtiItem(xml);
  if (!parsed.ok)
    throw new AppError('validation_failed', parsed.message, [{ path: 'body', message: parsed.reason }]);
  const { province, ...meta } = query;
  const candidate = createItemSchema.safeParse({
    ...meta,
    ...(province && { province }),
    ...parsed.content,
    score: parsed.content.score ?? query.score,
  });
  if (!candidate.success)
    throw new AppError(
      'validation_failed',
      'the QTI item does not make a valid bank item',
      candidate.error.issues.map((i) => ({
        path: ['body', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  return createItem(deps, ctx, principal, candidate.data);
}

/** A choice item's version as QTI 3.0 XML; practical tasks have no QTI mapping here. */
export async function exportQti(
  deps: BankDeps,
  principal: Principal,
  id: string,
  version?: number,
): Promise<string> {
  const { item, version: v } = await getItemVersion(deps, principal, id, version);
  const xml = exportQtiItem(item, v);
  if (xml === undefined)
    throw new AppError('rule_violation', 'only choice and true-false items export as QTI', [
      { path: 'type', message: `unsupported-type: ${item.type}` },
    ]);
  return xml;
}
