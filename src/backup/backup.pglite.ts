import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { type BulkRunner, openDatabase, pgliteParsers } from '../db/database.ts';
import { describeStore, type StoreFacts } from './backup.store.ts';

/**
 * The embedded store is one process's files: PGlite keeps no lock, and two processes on one data directory
 * corrupt it. PGlite writes `postmaster.pid` while open and removes it on a clean close, so its presence means a
 * server holds the directory (or one was killed; starting and stopping it once clears that).
 */
export function isPgliteDirInUse(pgdataDir: string): boolean {
  return fs.existsSync(path.join(pgdataDir, 'postmaster.pid'));
}

export function isPgliteDirInitialised(pgdataDir: string): boolean {
  return fs.existsSync(path.join(pgdataDir, 'PG_VERSION'));
}

async function writeBlob(blob: Blob, to: string): Promise<void> {
  await pipeline(
    Readable.fromWeb(blob.stream() as unknown as WebReadableStream<Uint8Array>),
    fs.createWriteStream(to, { mode: 0o600 }),
  );
}

/** `hutong backup` with no server running: open the directory, read its facts, dump it as PGlite's tarball. */
export async function dumpStoppedPglite(pgdataDir: string, payloadFile: string): Promise<StoreFacts> {
  if (!isPgliteDirInitialised(pgdataDir)) throw new Error(`no embedded database in ${pgdataDir}`);
  const pglite = await PGlite.create(pgdataDir, { parsers: pgliteParsers });
  const handle = await openDatabase({ pglite });
  try {
    const facts = await describeStore(handle.db);
    await writeBlob(await pglite.dumpDataDir('gzip'), payloadFile);
    return facts;
  } finally {
    await handle.close();
  }
}

/**
 * A consistent backup of the embedded store a server is serving, taken inside that server: the dialect's mutex
 * (held by `bulk`) means no transaction is open and none starts; a CHECKPOINT writes every dirty page, and the
 * directory is copied while the session is still held — so the copy is the state between two transactions.
 * Requests wait only for the facts and the file copy; the tarball is made afterwards from the copy, by a second
 * PGlite that recovers it like any cleanly stopped directory.
 */
export async function snapshotServingPglite(
  bulk: BulkRunner,
  pgdataDir: string,
  workDir: string,
  payloadFile: string,
): Promise<StoreFacts> {
  const copy = path.join(workDir, 'pgdata-copy');
  fs.rmSync(copy, { recursive: true, force: true });
  try {
    const facts = await bulk(async (session) => {
      const described = await describeStore(session.db);
      await sql`checkpoint`.execute(session.db);
      fs.cpSync(pgdataDir, copy, { recursive: true });
      return described;
    });
    fs.rmSync(path.join(copy, 'postmaster.pid'), { force: true });
    const pglite = await PGlite.create(copy);
    try {
      await writeBlob(await pglite.dumpDataDir('gzip'), payloadFile);
    } finally {
      await pglite.close();
    }
    return facts;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** Loads a tarball into a new data directory (PGlite's `loadDataDir`), then closes it cleanly. */
export async function loadPgliteDir(pgdataDir: string, payload: Blob): Promise<void> {
  fs.mkdirSync(path.dirname(pgdataDir), { recursive: true });
  const pglite = await PGlite.create(pgdataDir, { loadDataDir: payload, parsers: pgliteParsers });
  await pglite.close();
}
