import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/**
 * Collects an import's row errors on disk while the import's transaction runs (a million bad rows must not sit in
 * memory, and on PGlite no other transaction may write meanwhile), then stores them after it ends.
 */
export class ErrorSink {
  readonly first: RowError[] = [];
  count = 0;
  readonly #file: string;
  readonly #fd: number;

  constructor() {
    this.#file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-import-')), 'errors.csv');
    this.#fd = fs.openSync(this.#file, 'w');
  }

  add(error: RowError): void {
    this.count += 1;
    if (this.first.length < 100) this.first.push(error);
    fs.writeSync(this.#fd, stringify([[error.row, error.column, error.code, error.message]]));
  }

  /**
   * Stores every error in `import_errors`, in batches, then removes the temporary file. A successful import does
   * this inside its own transaction (the report commits with the data); a rolled-back one afterwards.
   */
  async store(db: Kysely<Database> | Transaction<Database>, importId: string): Promise<void> {
    fs.closeSync(this.#fd);
    try {
      let batch: Database['import_errors'][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        await db.insertInto('import_errors').values(rows).execute();
      };
      const parser = fs.createReadStream(this.#file).pipe(parse({ relax_column_count: true }));
      for await (const [row, column, code, message] of parser as AsyncIterable<string[]>) {
        batch.push({
          import_id: importId,
          row: Number(row),
          column: column ?? '',
          code: code ?? '',
          message: message ?? '',
        });
        if (batch.length >= 2000) await flush();
      }
      await flush();
    } finally {
      fs.rmSync(path.dirname(this.#file), { recursive: true, force: true });
    }
  }

  discard(): void {
    try {
      fs.closeSync(this.#fd);
    } catch {}
    fs.rmSync(path.dirname(this.#file), { recursive: true, force: true });
  }
}
