import { appendExamEvent, type ExamEvent } from '../exams/events.ts';
import { newId } from '../shared/ids.ts';
import type { TestApp } from '../testing/app.ts';

/** One server-sent-events frame as a client sees it; a comment (heartbeat) has only `comment`. */
export interface SseFrame {
  event: string;
  id?: string;
  data?: unknown;
  comment?: string;
  retry?: number;
}

export function parseFrame(block: string): SseFrame | null {
  const frame: SseFrame = { event: 'message' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const match = /^([a-z]+): ?(.*)$/i.exec(line);
    if (!match) continue;
    const [, field, value = ''] = match;
    if (field === 'event') frame.event = value;
    else if (field === 'id') frame.id = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry') frame.retry = Number(value);
  }
  if (data.length > 0) frame.data = JSON.parse(data.join('\n'));
  else if (frame.comment === undefined && frame.retry === undefined) return null;
  return frame;
}

export interface SseClient {
  status: number;
  headers: Headers;
  /** Every frame so far, in order. */
  frames: SseFrame[];
  /** The first frame (received already or later) that matches; rejects after `timeoutMs`. */
  waitFor(match: (f: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a stream with fetch and a reader, as a test client (an EventSource would hide the frames). */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  let text = '';
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const frame = parseFrame(text.slice(0, end));
          text = text.slice(end + 2);
          if (frame) frames.push(frame);
        }
        notify();
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    frames,
    ended,
    close: () => abort.abort(),
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Writes one exam event in its own transaction, as the exam services do. */
export async function writeEvent(t: TestApp, event: ExamEvent): Promise<number> {
  await t.db
    .transaction()
    .execute((trx) =>
      appendExamEvent(trx, { actorId: null, actorLabel: 'test', requestId: null, at: new Date() }, event),
    );
  const row = await t.db
    .selectFrom('exam_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const isExam = (subjectId: string) => (f: SseFrame) =>
  f.event === 'exam' && (f.data as { subjectId?: string }).subjectId === subjectId;

// ---------------------------------------------------------------------------------------------------------------
// Activity fixtures, written straight into their tables (their own services are tested with them).

let serial = 0;

export async function addRegistration(
  t: TestApp,
  o: { planId: string; sittingId: string; institutionId: string; province: string; cancelled?: boolean },
): Promise<string> {
  serial += 1;
  const holderId = newId();
  const at = new Date();
  await t.db
    .insertInto('holders')
    .values({
      id: holderId,
      id_type: 'resident',
      id_index: `live-${holderId}`,
      id_cipher: 'placeholder',
      id_masked: '****',
      name: `考生${serial}`,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const id = newId();
  await t.db
    .insertInto('exam_registrations')
    .values({
      id,
      plan_id: o.planId,
      sitting_id: o.sittingId,
      institution_id: o.institutionId,
      province: o.province,
      holder_id: holderId,
      starts_at: at,
      ends_at: at,
      status: o.cancelled ? 'cancelled' : 'registered',
      channel: 'self',
      declared: '{}',
      commitment: '{}',
      eligibility: '{}',
      created_by: 'test',
      created_at: at,
    })
    .execute();
  return id;
}

export async function addAttempt(t: TestApp, registrationId: string, planId: string, submitted: boolean) {
  serial += 1;
  const paperId = newId();
  const at = new Date();
  await t.db
    .insertInto('papers')
    .values({
      id: paperId,
      plan_id: planId,
      form: `F${serial}`,
      subject: 'theory',
      blueprint: '{}',
      total_score: 100,
      status: 'locked',
      created_by: 'test',
      created_at: at,
    })
    .execute();
  await t.db
    .insertInto('exam_attempts')
    .values({
      id: newId(),
      registration_id: registrationId,
      paper_id: paperId,
      seed: 's',
      status: submitted ? 'submitted' : 'in-progress',
      started_at: at,
      deadline_at: at,
      submitted_at: submitted ? at : null,
      score: submitted ? 80 : null,
    })
    .execute();
}

export async function addResult(
  t: TestApp,
  registrationId: string,
  planId: string,
  o: { published?: boolean; issued?: boolean } = {},
) {
  const at = new Date();
  await t.db
    .insertInto('exam_results')
    .values({
      registration_id: registrationId,
      plan_id: planId,
      scores: '[]',
      passed: true,
      flags: '[]',
      status: o.issued ? 'issued' : o.published ? 'published' : 'computed',
      published_at: o.published || o.issued ? at : null,
      certificate_id: o.issued ? newId() : null,
      updated_at: at,
    })
    .execute();
}

export async function addWarning(
  t: TestApp,
  o: { province: string; status?: string; occupation?: string; institutionId?: string; id?: string },
): Promise<string> {
  const id = o.id ?? newId();
  const at = new Date();
  await t.db
    .insertInto('warnings')
    .values({
      id,
      rule: 'fast-completion',
      rules_version: 'test',
      severity: 'medium',
      status: o.status ?? 'created',
      fingerprint: `live-test-${id}`,
      province: o.province,
      institution_id: o.institutionId ?? null,
      occupation: o.occupation ?? null,
      review_level: 'province',
      summary: `测试预警 ${o.province}`,
      evidence: '{}',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
