import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import type { SimulationRun } from '../../policy-types';
import { recognitionApi } from '../../recognition-api';

const pollMs = 1000;

/** Queued or running: the run still changes, and may be cancelled. */
export function isLive(run: SimulationRun): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/**
 * One simulation job of the editor (issue 16 §2): `start` asks for it, then `GET` every second follows its phase
 * until it is done, failed or cancelled. Each new run (or a cancel's answer) starts a new generation of the poll, so
 * an answer of an older one arriving late never overwrites the newer state; unmounting ends the poll.
 */
export function useSimulationRun(region: string) {
  const [run, setRun] = useState<SimulationRun | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [isStarting, setIsStarting] = useState(false);
  const [isCancelling, setIsCancelling] = useState(false);
  const generation = useRef(0);
  const isMounted = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopPolling = useCallback(() => {
    generation.current += 1;
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  }, []);

  /** Shows `current` and, while it is live, polls it; `now` polls at once (resuming after a failed poll). */
  const follow = useCallback(
    (current: SimulationRun, now = false) => {
      stopPolling();
      // A start or cancel answered after the panel closed polls nothing.
      if (!isMounted.current) return;
      const mine = generation.current;
      setRun(current);
      if (!isLive(current)) return;
      const tick = async () => {
        try {
          const next = await recognitionApi.getSimulation(region, current.id);
          if (generation.current !== mine) return;
          setRun(next);
          if (isLive(next)) timer.current = setTimeout(tick, pollMs);
        } catch (cause) {
          if (generation.current === mine) setError(cause);
        }
      };
      timer.current = setTimeout(tick, now ? 0 : pollMs);
    },
    [region, stopPolling],
  );

  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
      stopPolling();
    };
  }, [stopPolling]);

  const start = useCallback(
    async (version: string) => {
      stopPolling();
      setIsStarting(true);
      setError(undefined);
      try {
        follow(await recognitionApi.startSimulation(region, version));
      } catch (cause) {
        setError(cause);
      } finally {
        setIsStarting(false);
      }
    },
    [region, follow, stopPolling],
  );

  const cancel = useCallback(async () => {
    if (!run) return;
    setIsCancelling(true);
    setError(undefined);
    try {
      follow(await recognitionApi.cancelSimulation(region, run.id));
    } catch (cause) {
      // 409: it finished meanwhile; reading it now shows how, which says more than "conflict".
      if (cause instanceof ApiError && cause.status === 409) follow(run, true);
      else setError(cause);
    } finally {
      setIsCancelling(false);
    }
  }, [region, run, follow]);

  /** After a failed poll: follow the same run again. */
  const resume = useCallback(() => {
    if (!run) return;
    setError(undefined);
    follow(run, true);
  }, [run, follow]);

  return { run, error, isStarting, isCancelling, start, cancel, resume };
}
