import { useCallback } from 'react';
import { type activityView, organizationRoutes } from '../../../shared/organizations/contracts';
import type * as z from '../../../shared/schema/zod';
import { call } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { CompactPagedList } from './list-states';
import { Widget } from './widget';

type Activity = z.infer<typeof activityView>;

/** Activity entries, newest first: what happened, when and by whom. */
export const TimelineList = ({
  items,
  label,
}: {
  readonly items: readonly Activity[];
  readonly label?: string;
}) => (
  <ol className="timeline" aria-label={label}>
    {items.map((item) => (
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
);

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
      <CompactPagedList
        list={list}
        loadingLabel="Loading activity…"
        emptyText="Nothing has happened here yet."
        moreLabel="Show older activity"
      >
        <TimelineList items={list.items} />
      </CompactPagedList>
    </Widget>
  );
};
