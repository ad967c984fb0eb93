import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { type Stringifier, stringify } from 'csv-stringify';

/** A staged chunk: a CSV file of validated, sealed rows, COPied and merged in one short transaction. */
export interface StagedChunk {
  file: string;
  /** First and last file row in it. */
  first: number;
  last: number;
  rows: number;
}

/**
 * Rows per chunk (issue 17 §7): on PGlite a chunk's transaction holds the one session, so this bounds how long
 * another request waits behind an import (see `npm run bench -- import`, docs/PERFORMANCE.md).
 */
export const IMPORT_CHUNK_ROWS = 2000;

/** Writes staged rows to `stage-<n>.csv` files in `dir`, a new file every `size` rows. */
export class ChunkWriter {
  readonly chunks: StagedChunk[] = [];
  #out: Stringifier | undefined;
  #file: fs.WriteStream | undefined;
  #current: StagedChunk | undefined;

  constructor(
    private readonly dir: string,
    private readonly size: number,
  ) {}

  async write(row: number, values: unknown[]): Promise<void> {
    if (!this.#out || !this.#current || this.#current.rows >= this.size) await this.#open(row);
    const current = this.#current as StagedChunk;
    current.rows += 1;
    current.last = row;
    const out = this.#out as Stringifier;
    if (!out.write(values)) await new Promise((r) => out.once('drain', r));
  }

  async close(): Promise<void> {
    if (!this.#out || !this.#file) return;
    this.#out.end();
    await finished(this.#file);
    this.#out = undefined;
    this.#file = undefined;
  }

  /** Removes every chunk file (they hold sealed rows and names). */
  remove(): void {
    for (const chunk of this.chunks) fs.rmSync(chunk.file, { force: true });
  }

  async #open(row: number): Promise<void> {
    await this.close();
    const file = path.join(this.dir, `stage-${this.chunks.length}.csv`);
    // csv-stringify writes null as an empty field, which COPY (format csv) reads as NULL.
    const out = stringify();
    const stream = fs.createWriteStream(file, { mode: 0o600 });
    out.pipe(stream);
    this.#out = out;
    this.#file = stream;
    this.#current = { file, first: row, last: row, rows: 0 };
    this.chunks.push(this.#current);
  }
}
