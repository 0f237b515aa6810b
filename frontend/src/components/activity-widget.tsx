import { useCallback } from 'react';
import type { z } from 'zod';
import { type activityView, organizationRoutes } from '../../../shared/organizations/contracts';
import { call } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { FormAlert } from './form-alert';
import { LoadingRows } from './list-states';
import { Widget } from './widget';

type Activity = z.infer<typeof activityView>;

/** The organization's activity log, newest first, a page at a time. */
export const ActivityWidget = ({ orgId }: { readonly orgId: string }) => {
  const fetchPage = useCallback<FetchPage<Activity>>(
    (cursor, signal) =>
      call(organizationRoutes.listActivity, { params: { orgId }, query: { cursor, limit: 10 }, signal }),
    [orgId],
  );
  const list = usePagedList(fetchPage);

  return (
    <Widget title="Activity">
      {list.status === 'loading' ? (
        <LoadingRows label="Loading activity…" />
      ) : list.status === 'error' ? (
        <FormAlert title={list.error ?? undefined}>
          <button type="button" className="button button--secondary button--small" onClick={list.reload}>
            Try again
          </button>
        </FormAlert>
      ) : list.items.length === 0 ? (
        <p className="muted">Nothing has happened here yet.</p>
      ) : (
        <>
          <ol className="timeline">
            {list.items.map((item) => (
              <li key={item.id} className="timeline__item">
                <p className="timeline__summary">{item.summary}</p>
                <p className="timeline__meta">
                  <time dateTime={item.at} title={formatDateTime(item.at)}>
                    {formatRelative(item.at)}
                  </time>
                  {item.actor ? <> · {item.actor}</> : null}
                </p>
              </li>
            ))}
          </ol>
          {list.hasMore ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={list.loadMore}
              disabled={list.status === 'loading-more'}
              aria-busy={list.status === 'loading-more'}
            >
              {list.status === 'loading-more' ? 'Loading…' : 'Show older activity'}
            </button>
          ) : null}
        </>
      )}
    </Widget>
  );
};
