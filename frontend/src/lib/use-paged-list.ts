import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../shared/http/contracts';
import { errorMessage } from './api';

export type FetchPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

export interface PagedList<T> {
  readonly items: readonly T[];
  readonly status: 'loading' | 'ready' | 'loading-more' | 'error';
  readonly error: string | null;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  readonly reload: () => void;
  /** Puts an updated item in place (matched by `id`), e.g. after archiving it. */
  readonly replace: (item: T) => void;
  readonly prepend: (item: T) => void;
}

/**
 * A cursor-paginated list with "Load more". `fetchPage` is memoized over the query (search, filters):
 * a new one starts over from the first page and drops answers to the old query.
 */
export const usePagedList = <T extends { id: string }>(fetchPage: FetchPage<T>): PagedList<T> => {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<PagedList<T>['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    async (from: string | undefined, append: boolean) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setStatus(append ? 'loading-more' : 'loading');
      setError(null);
      try {
        const page = await fetchPage(from, current.signal);
        if (current.signal.aborted) return;
        setItems((previous) => (append ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setStatus('ready');
      } catch (caught) {
        if (current.signal.aborted) return;
        setError(errorMessage(caught));
        setStatus('error');
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load(undefined, false);
    return () => controller.current?.abort();
  }, [load]);

  const loadMore = useCallback(() => {
    if (cursor) void load(cursor, true);
  }, [cursor, load]);

  const reload = useCallback(() => void load(undefined, false), [load]);
  const replace = useCallback(
    (item: T) =>
      setItems((previous) => previous.map((existing) => (existing.id === item.id ? item : existing))),
    [],
  );
  const prepend = useCallback(
    (item: T) => setItems((previous) => [item, ...previous.filter((existing) => existing.id !== item.id)]),
    [],
  );

  return { items, status, error, hasMore: cursor !== null, loadMore, reload, replace, prepend };
};

/** Delays a value (e.g. a search box) until typing pauses. */
export const useDebounced = <T>(value: T, delayMs = 300): T => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
};
