import { type ReactNode, useId } from 'react';
import type { PagedList } from '../lib/use-paged-list';
import { FormAlert } from './form-alert';

export const LoadingRows = ({ label }: { readonly label: string }) => (
  <div className="loading" role="status">
    <span className="spinner" aria-hidden="true" />
    {label}
  </div>
);

export const EmptyState = ({
  title,
  children,
}: {
  readonly title: string;
  readonly children?: ReactNode;
}) => (
  <div className="empty">
    <p className="empty__title">{title}</p>
    {children ? <div className="empty__body">{children}</div> : null}
  </div>
);

interface LoadMoreProps {
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
  readonly shown: number;
  readonly noun: string;
}

/** "Load more" under a cursor-paginated list, with how many are shown so far. */
export const LoadMore = ({ hasMore, loading, onLoadMore, shown, noun }: LoadMoreProps) => (
  <div className="load-more">
    <p className="load-more__count" aria-live="polite">
      Showing {shown} {noun}
      {hasMore ? '' : ', all loaded'}
    </p>
    {hasMore ? (
      <button
        type="button"
        className="button button--secondary"
        onClick={onLoadMore}
        disabled={loading}
        aria-busy={loading}
      >
        {loading ? 'Loading…' : 'Load more'}
      </button>
    ) : null}
  </div>
);

/** A failed load, with a button to try it again. */
export const RetryAlert = ({
  title,
  onRetry,
}: {
  readonly title: string | undefined;
  readonly onRetry: () => void;
}) => (
  <FormAlert title={title}>
    <button type="button" className="button button--secondary button--small" onClick={onRetry}>
      Try again
    </button>
  </FormAlert>
);

interface CompactPagedListProps {
  readonly list: Pick<PagedList<unknown>, 'items' | 'status' | 'error' | 'hasMore' | 'loadMore' | 'reload'>;
  readonly loadingLabel: string;
  /** Said instead of the items when there are none; without it, the (empty) items are shown. */
  readonly emptyText?: string;
  /** The button that fetches the next page, e.g. "Show older notes". */
  readonly moreLabel: string;
  /** The items, shown once loaded. */
  readonly children: ReactNode;
}

/** A paged list inside a widget or section: loading, failed, empty, the items and a button for older ones. */
export const CompactPagedList = ({
  list,
  loadingLabel,
  emptyText,
  moreLabel,
  children,
}: CompactPagedListProps) =>
  list.status === 'loading' ? (
    <LoadingRows label={loadingLabel} />
  ) : list.status === 'error' ? (
    <RetryAlert title={list.error ?? undefined} onRetry={list.reload} />
  ) : emptyText !== undefined && list.items.length === 0 ? (
    <p className="muted">{emptyText}</p>
  ) : (
    <>
      {children}
      {list.hasMore ? (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={list.loadMore}
          disabled={list.status === 'loading-more'}
          aria-busy={list.status === 'loading-more'}
        >
          {list.status === 'loading-more' ? 'Loading…' : moreLabel}
        </button>
      ) : null}
    </>
  );

interface PagedListCardProps {
  readonly list: Pick<PagedList<unknown>, 'items' | 'status' | 'error' | 'hasMore' | 'loadMore' | 'reload'>;
  /** The card's heading, for screen readers only: the page's title says it for everyone else. */
  readonly heading: string;
  readonly loadingLabel: string;
  readonly emptyTitle: string;
  readonly emptyBody: ReactNode;
  /** What the list holds, one and many: `['user', 'users']`. */
  readonly noun: readonly [string, string];
  /** The items, shown when there are any. */
  readonly children: ReactNode;
}

/** A card holding a paged list in all its states: loading, failed, empty, shown and loading more. */
export const PagedListCard = ({
  list,
  heading,
  loadingLabel,
  emptyTitle,
  emptyBody,
  noun,
  children,
}: PagedListCardProps) => {
  const headingId = useId();
  return (
    <section className="card card--flush" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {heading}
      </h2>
      {list.status === 'error' ? (
        <div className="card__padded">
          <FormAlert title={list.error ?? undefined}>
            <button type="button" className="button button--secondary" onClick={list.reload}>
              Try again
            </button>
          </FormAlert>
        </div>
      ) : list.status === 'loading' ? (
        <LoadingRows label={loadingLabel} />
      ) : list.items.length === 0 ? (
        <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>
      ) : (
        children
      )}
      {(list.status === 'ready' || list.status === 'loading-more') && list.items.length > 0 ? (
        <LoadMore
          hasMore={list.hasMore}
          loading={list.status === 'loading-more'}
          onLoadMore={list.loadMore}
          shown={list.items.length}
          noun={list.items.length === 1 ? noun[0] : noun[1]}
        />
      ) : null}
    </section>
  );
};
