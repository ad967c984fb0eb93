import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import type { Keyring } from '../protection/protection.service.ts';
import type { Clock } from '../shared/clock.ts';
import { readSealedFile } from './tickets.attachments.ts';

export interface SweepReport {
  /** Files of the earlier storage whose rows now hold them (migration 0040). */
  adopted: number;
  /** Files no row names (a submission that failed after writing them, or a restore from an older backup). */
  removed: number;
  /** Files that could not be opened or did not match their row's hash: kept, and logged by the caller. */
  failed: string[];
}

/**
 * At start-up (issue 14 §2): the sealed files under `<dataDir>/tickets/` are the storage before migration 0040. A
 * file its row still names is moved into the row (`content_cipher`, checked against the row's hash, with an audit
 * row) and then deleted; a file no row names is an orphan and is deleted. The directory is left empty, so that a
 * backup, which carries the database, carries every attachment.
 */
export async function sweepAttachmentFiles(deps: {
  db: Kysely<Database>;
  keyring: Keyring;
  clock: Clock;
  dataDir: string;
}): Promise<SweepReport> {
  const root = path.join(deps.dataDir, 'tickets');
  const report: SweepReport = { adopted: 0, removed: 0, failed: [] };
  if (!fs.existsSync(root)) return report;
  const files: string[] = [];
  for (const dir of await fs.promises.readdir(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of await fs.promises.readdir(path.join(root, dir.name)))
      files.push(path.join('tickets', dir.name, file));
  }
  const protector = deps.keyring.protector();
  for (const relative of files) {
    const row = await deps.db
      .selectFrom('ticket_attachments')
      .select(['id', 'ticket_id', 'sha256', 'content_cipher'])
      .where('path', '=', relative)
      .executeTakeFirst();
    const absolute = path.join(deps.dataDir, relative);
    if (!row || row.content_cipher !== null) {
      await fs.promises.rm(absolute, { force: true });
      report.removed += 1;
      continue;
    }
    try {
      const content = await readSealedFile(protector, deps.dataDir, relative);
      const ctx: AuditContext = {
        actorId: null,
        actorLabel: 'ticket-sweep',
        requestId: null,
        at: deps.clock.now(),
      };
      await deps.db.transaction().execute(async (trx) => {
        if (createHash('sha256').update(content).digest('hex') !== row.sha256)
          throw new Error(`${relative} does not match its recorded hash`);
        await trx
          .updateTable('ticket_attachments')
          .set({ content_cipher: protector.encrypt(content.toString('base64')), path: null })
          .where('id', '=', row.id)
          .execute();
        await appendAudit(trx, ctx, {
          action: 'ticket.attachment.adopt',
          targetType: 'ticket',
          targetId: row.ticket_id,
          before: { attachment: row.id, storage: 'file' },
          after: { attachment: row.id, storage: 'database' },
        });
      });
      await fs.promises.rm(absolute, { force: true });
      report.adopted += 1;
    } catch (error) {
      report.failed.push(`${relative}: ${(error as Error).message}`);
    }
  }
  // Ticket directories left empty go too.
  for (const dir of await fs.promises.readdir(root))
    await fs.promises.rmdir(path.join(root, dir)).catch(() => undefined);
  return report;
}
