import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Runs `load` now and whenever it changes (wrap it in `useCallback` with its inputs as dependencies).
 * The previous data stays visible while a new request runs; an answer that arrives late is dropped.
 */
export function useApiData<T>(load: () => Promise<T>): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setIsLoading] = useState(true);
  const latest = useRef(0);

  const run = useCallback(() => {
    latest.current += 1;
    const ticket = latest.current;
    setIsLoading(true);
    setError(undefined);
    load().then(
      (result) => {
        if (ticket !== latest.current) return;
        setData(result);
        setIsLoading(false);
      },
      (cause: unknown) => {
        if (ticket !== latest.current) return;
        setError(cause);
        setIsLoading(false);
      },
    );
  }, [load]);

  useEffect(() => {
    run();
    return () => {
      latest.current += 1;
    };
  }, [run]);

  return { data, error, isLoading, reload: run };
}
