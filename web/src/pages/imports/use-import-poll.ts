import { useCallback, useEffect, useRef, useState } from 'react';
import { registryApi } from '../../registry-api';
import type { ImportView } from '../../registry-types';

const intervalMs = 500;

export function isFinished(view: ImportView): boolean {
  return view.status === 'succeeded' || view.status === 'failed';
}

/**
 * Follows one import: `GET /imports/:id` every 500 ms until it has succeeded or failed, then calls `onFinished`.
 * A failed poll stops; `retry` starts again.
 */
export function useImportPoll(id: string | null, onFinished: (view: ImportView) => void) {
  const [view, setView] = useState<ImportView | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt restarts the poll.
  useEffect(() => {
    setView(null);
    setError(undefined);
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await registryApi.import(id);
        if (stopped) return;
        setView(next);
        if (isFinished(next)) {
          finished.current(next);
          return;
        }
      } catch (cause) {
        if (!stopped) setError(cause);
        return;
      }
      timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [id, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { view, error, retry };
}
