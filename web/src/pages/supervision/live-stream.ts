import { useCallback, useEffect, useRef, useState } from 'react';
import { type Activity, type LiveEvent, type LiveFilter, liveApi, type WarningChange } from './live-api';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface LiveState {
  status: LiveStatus;
  activity: Activity | undefined;
  /** Newest first by time, at most MAX_EVENTS; ids that arrived on this page since it opened are in `fresh`. */
  events: LiveEvent[];
  fresh: ReadonlySet<string>;
  lastWarning: WarningChange | undefined;
  reconnect: () => void;
}

const MAX_EVENTS = 200;
/** Counts change with events: the snapshot is fetched again at most this often while events arrive. */
const REFRESH_MS = 2000;

function merge(known: LiveEvent[], incoming: LiveEvent[]): LiveEvent[] {
  const ids = new Set(known.map((e) => e.id));
  const added = incoming.filter((e) => !ids.has(e.id));
  if (added.length === 0) return known;
  // In time order, newest first (issue 15 §6): events are numbered as recorded, not as they happened (a batch
  // import or a sitting's events may be written later than they occurred); the id breaks ties.
  return [...added, ...known]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || Number(b.id) - Number(a.id))
    .slice(0, MAX_EVENTS);
}

/**
 * Follows `/supervision/live` with an EventSource: the `activity` snapshot, then `exam` events (the browser resumes
 * with Last-Event-ID after a drop; ids already shown are skipped) and `warning` changes. Counts are refreshed from
 * the snapshot API shortly after anything arrives.
 */
export function useLiveStream(filter: LiveFilter): LiveState {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [activity, setActivity] = useState<Activity | undefined>(undefined);
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [lastWarning, setLastWarning] = useState<WarningChange | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const refreshTimer = useRef<number | undefined>(undefined);
  const { province, institution, occupation } = filter;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reconnect signal, not an input.
  useEffect(() => {
    const current: LiveFilter = { province, institution, occupation };
    setStatus('connecting');
    setActivity(undefined);
    setEvents([]);
    setFresh(new Set());
    let active = true;
    const refresh = () => {
      if (refreshTimer.current !== undefined) return;
      refreshTimer.current = window.setTimeout(() => {
        refreshTimer.current = undefined;
        liveApi.activity(current).then(
          (next) => active && setActivity(next),
          () => undefined,
        );
      }, REFRESH_MS);
    };
    const source = new EventSource(liveApi.streamUrl(current));
    source.onopen = () => setStatus('open');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.addEventListener('activity', (message) => {
      const next = JSON.parse((message as MessageEvent<string>).data) as Activity;
      setStatus('open');
      setActivity(next);
      setEvents((known) => merge(known, next.events));
    });
    source.addEventListener('exam', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
      setEvents((known) => merge(known, [event]));
      setFresh((ids) => new Set(ids).add(event.id));
      refresh();
    });
    source.addEventListener('warning', (message) => {
      setLastWarning(JSON.parse((message as MessageEvent<string>).data) as WarningChange);
      refresh();
    });
    return () => {
      active = false;
      source.close();
      window.clearTimeout(refreshTimer.current);
      refreshTimer.current = undefined;
    };
  }, [province, institution, occupation, attempt]);

  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);
  return { status, activity, events, fresh, lastWarning, reconnect };
}
