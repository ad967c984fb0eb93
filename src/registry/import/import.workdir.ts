import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where a job's files live and how a dead job is told from a live one (issue 17 §2).
 *
 * Files: `<data dir>/imports/<job id>/` holds the sealed upload, a sealed XLSX sheet waiting for its shared strings,
 * the staged rows and the error spool — never TMPDIR. The directory is removed when the job ends, fails or is found
 * interrupted; at start-up every directory that no live job owns is removed (a partial upload, a job killed
 * mid-way). A data directory belongs to one server process at a time.
 *
 * Liveness: each process start draws a random instance id. A job's `worker` is `<host>/<instance>/<lease until, ms>`,
 * renewed every quarter lease (15 s by default) while the job is queued or running; a job whose lease has run out has no process behind it.
 * A process id would not do: in a container the server is always PID 1.
 */
export const INSTANCE_ID = randomUUID();
let leaseMs = 60_000;

/** A lease's length (`HUTONG_IMPORT_LEASE_MS`): how long a dead process's job looks alive to another process. */
export function configureLease(ms: number): void {
  leaseMs = ms;
}

export function currentLeaseMs(): number {
  return leaseMs;
}

/** Renewed four times per lease, so a busy event loop or one slow renewal does not let a live job's lease lapse. */
export function leaseRenewMs(): number {
  return Math.max(250, Math.floor(leaseMs / 4));
}

const LEASE = /^(.*)\/([0-9a-f-]{36})\/(\d+)$/;
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Job directories this process made and has not removed yet (uploads in progress, jobs queued or running). */
const own = new Set<string>();

export function leaseOf(now = Date.now()): string {
  return `${os.hostname()}/${INSTANCE_ID}/${now + leaseMs}`;
}

/** A LIKE pattern for the `worker` of this process's jobs. */
export function ownLeasePattern(): string {
  return `%/${INSTANCE_ID}/%`;
}

/**
 * Whether a job's process may still be running it: this process's own jobs are; with `exclusive` (this process
 * alone uses the database) no other is; otherwise a job is live while its lease lasts. A worker written before
 * leases (`host:pid`) is never live.
 */
export function isLeaseLive(worker: string, exclusive: boolean, now = Date.now()): boolean {
  const lease = LEASE.exec(worker);
  if (lease?.[2] === INSTANCE_ID) return true;
  if (exclusive || !lease) return false;
  return Number(lease[3]) > now;
}

/** The job's directory, made (mode 700) and marked as this process's until `removeJobFiles`. */
export function claimJobDir(workDir: string, id: string): string {
  const dir = jobDir(workDir, id);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  own.add(id);
  return dir;
}

export function jobDir(workDir: string, id: string): string {
  if (!JOB_ID.test(id)) throw new Error('not a job id');
  return path.join(workDir, id);
}

export function removeJobFiles(workDir: string, id: string): void {
  fs.rmSync(jobDir(workDir, id), { recursive: true, force: true });
  own.delete(id);
}

/**
 * Removes everything in `workDir` that no live job owns: directories of dead or unknown jobs and anything else
 * (uploads of older versions, `<uuid>.upload`). Without `exclusive`, entries younger than a lease are kept: another
 * process may have just begun an upload there.
 */
export function sweepWorkDir(workDir: string, live: ReadonlySet<string>, exclusive: boolean): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(workDir);
  } catch {
    return 0;
  }
  const now = Date.now();
  for (const name of names) {
    if (live.has(name) || own.has(name)) continue;
    const entry = path.join(workDir, name);
    try {
      if (!exclusive && now - fs.statSync(entry).mtimeMs < leaseMs) continue;
      fs.rmSync(entry, { recursive: true, force: true });
      removed += 1;
    } catch {}
  }
  return removed;
}
