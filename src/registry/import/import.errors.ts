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
  /** A directory this sink made itself (no job directory given), removed with the file. */
  readonly #ownDir: string | undefined;

  /**
   * `dir` is the job's directory under the data directory. Without one (generated rows: the demo seed) the
   * file goes to a fresh temporary directory.
   */
  constructor(dir?: string) {
    this.#ownDir = dir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-import-'));
    this.#file = path.join(dir ?? (this.#ownDir as string), 'errors.csv');
    this.#fd = fs.openSync(this.#file, 'w', 0o600);
  }

  #remove(): void {
    fs.rmSync(this.#ownDir ?? this.#file, { recursive: true, force: true });
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
      this.#remove();
    }
  }

  discard(): void {
    try {
      fs.closeSync(this.#fd);
    } catch {}
    this.#remove();
  }
}
