import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from './api';

export interface Loaded<T> {
  readonly data: T | null;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: string | null;
  /** The API answered 404: there is nothing at this address (or not for this user). */
  readonly notFound: boolean;
  /** Loads again, keeping the data shown meanwhile; resolves with the new data, or null when that failed. */
  readonly reload: () => Promise<T | null>;
  /** Puts data the page already has, such as an API's answer to a change, in place. */
  readonly set: (data: T) => void;
}

/**
 * One item fetched from the API, such as a lead or a job. `load` is memoized by the caller over what it
 * loads; a new one loads afresh and drops answers to the old one.
 */
export const useLoaded = <T>(load: (signal: AbortSignal) => Promise<T>): Loaded<T> => {
  const [data, setData] = useState<T | null>(null);
  const [status, setStatus] = useState<Loaded<T>['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async (quiet: boolean): Promise<T | null> => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      if (!quiet) setStatus('loading');
      try {
        const loaded = await load(current.signal);
        if (current.signal.aborted) return null;
        setData(loaded);
        setError(null);
        setNotFound(false);
        setStatus('ready');
        return loaded;
      } catch (caught) {
        if (current.signal.aborted) return null;
        setError(errorMessage(caught));
        setNotFound(caught instanceof ApiError && caught.status === 404);
        // A failed reload keeps showing what was loaded before; its caller says what went wrong.
        setStatus((previous) => (quiet && previous === 'ready' ? previous : 'error'));
        return null;
      }
    },
    [load],
  );

  useEffect(() => {
    void run(false);
    return () => controller.current?.abort();
  }, [run]);

  // A reload keeps what is shown until the new answer arrives.
  const reload = useCallback(() => run(true), [run]);
  return { data, status, error, notFound, reload, set: setData };
};
