import type { Principal } from '../accounts/accounts.model.ts';
import { canonicalJson } from '../audit/audit.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { maskNumber } from '../registry/registry.protect.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { AppError } from '../shared/errors.ts';
import {
  type BatchResponse,
  type BatchResult,
  batchRecordSchema,
  batchResponseSchema,
  type RecordError,
} from './sources.model.ts';
import {
  applyRecord,
  auditOf,
  loadPushSource,
  type PreparedRecord,
  prepareRecord,
  recordPath,
  validationContext,
} from './sources.push.ts';
import {
  claimIdempotencyKey,
  getIdempotencyKey,
  storeIdempotentResponse,
  touchSource,
} from './sources.store.ts';

type Slot = { index: number; type: string; number: string } & (
  | { record: PreparedRecord }
  | { errors: RecordError[] }
);

/** Reads and checks every record before the transaction: a malformed one is `invalid`, the others still apply. */
function prepareAll(
  deps: RegistryDeps,
  source: Parameters<typeof prepareRecord>[1],
  context: Parameters<typeof prepareRecord>[2],
  records: readonly unknown[],
): Slot[] {
  const seen = new Set<string>();
  return records.map((raw, index) => {
    const r = raw as { type?: unknown; number?: unknown };
    const type = typeof r.type === 'string' ? r.type : '';
    const number = typeof r.number === 'string' ? r.number.normalize('NFKC').trim().toUpperCase() : '';
    const parsed = batchRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        code: i.code,
        message: i.message,
      }));
      return { index, type, number, errors };
    }
    const prepared = prepareRecord(deps, source, context, parsed.data);
    if (!prepared.ok) {
      const errors = prepared.problems.map((p) => ({
        path: recordPath[p.field],
        code: p.code,
        message: p.message,
      }));
      return { index, type, number, errors };
    }
    // Like an import file, a batch names each certificate once: a later copy would silently win otherwise.
    const key = `${prepared.record.facts.type}\u0000${prepared.record.sealed.number.number_index}`;
    if (seen.has(key)) {
      const errors = [
        { path: 'number', code: 'duplicate-in-batch', message: 'an earlier record has this type and number' },
      ];
      return { index, type, number, errors };
    }
    seen.add(key);
    return {
      index,
      type: prepared.record.facts.type,
      number: prepared.record.facts.number,
      record: prepared.record,
    };
  });
}

/**
 * POST /sources/{id}/certificates/batch (issue 5 §2): up to 1,000 records under an Idempotency-Key. Valid records
 * are applied and invalid ones reported, each with a result code (a department system cannot fix a rejected record
 * by resending the others, so one bad record does not hold back the rest). Everything — certificates, history,
 * the source's freshness, the stored response and the audit row — commits in ONE transaction, so a retried request
 * with the same key finds the stored response and applies nothing; the same key with another body is refused.
 */
export async function pushBatch(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  sourceId: string,
  idempotencyKey: string,
  records: readonly unknown[],
): Promise<{ response: BatchResponse; replayed: boolean }> {
  const source = await loadPushSource(deps, principal, sourceId);
  // Keyed (HMAC): the records carry ID numbers, and a plain hash of a short body could be searched by brute force.
  const requestHash = deps.keyring.protector().index('idempotency', canonicalJson(records));
  const slots = prepareAll(deps, source, await validationContext(deps), records);
  return deps.db.transaction().execute(async (trx) => {
    const claim = { sourceId: source.id, key: idempotencyKey, requestHash, at: ctx.at };
    if (!(await claimIdempotencyKey(trx, claim))) {
      const stored = await getIdempotencyKey(trx, source.id, idempotencyKey);
      if (!stored || stored.request_hash !== requestHash) {
        throw new AppError(
          'idempotency_key_reused',
          'this Idempotency-Key was used with a different body; use a new key for new records',
          [{ path: 'headers.idempotency-key', message: 'reused' }],
        );
      }
      return { response: batchResponseSchema.parse(stored.response), replayed: true };
    }
    const results: BatchResult[] = [];
    const audit: ReturnType<typeof auditOf> = [];
    for (const slot of slots) {
      const base = { index: slot.index, type: slot.type, number: maskNumber(slot.number) };
      if ('errors' in slot) {
        results.push({ ...base, result: 'invalid', errors: slot.errors });
        continue;
      }
      const applied = await applyRecord(trx, ctx, source, slot.record);
      if (applied.result === 'invalid') {
        const errors = applied.problems.map((p) => ({
          path: recordPath[p.field],
          code: p.code,
          message: p.message,
        }));
        results.push({ ...base, result: 'invalid', errors });
      } else {
        results.push({ ...base, result: applied.result, certificateId: applied.certificateId });
        audit.push(...auditOf(applied));
      }
    }
    if (results.some((r) => r.result !== 'invalid')) await touchSource(trx, source.id, ctx.at);
    const response = { results };
    await storeIdempotentResponse(trx, source.id, idempotencyKey, response);
    if (audit.length > 0) {
      const count = (code: BatchResult['result']) => results.filter((r) => r.result === code).length;
      // One row for the batch (like an import's), naming each changed certificate; history rows hold the details.
      await appendAudit(trx, ctx, {
        action: 'source.batch',
        targetType: 'source',
        targetId: source.id,
        after: {
          idempotencyKey,
          created: count('created'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          invalid: count('invalid'),
          changes: audit.map((a) => ({ action: a.action, certificateId: a.targetId })),
        },
      });
    }
    return { response, replayed: false };
  });
}
