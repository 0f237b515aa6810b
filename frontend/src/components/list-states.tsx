import type { ReactNode } from 'react';

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
