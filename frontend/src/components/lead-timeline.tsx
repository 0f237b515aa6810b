import { useCallback } from 'react';
import { crmRoutes, type TimelineEntry } from '../../../shared/crm/contracts';
import type { Page } from '../../../shared/http/contracts';
import { call } from '../lib/api';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { TimelineList } from './activity-widget';
import { CompactPagedList } from './list-states';

interface LeadTimelineProps {
  readonly orgId: string;
  readonly leadId: string;
  /** The first page, when it came with the lead; otherwise it is fetched. */
  readonly firstPage?: Page<TimelineEntry>;
}

/**
 * What happened to one lead, newest first, a page at a time. Keyed by the lead's version where it is
 * used, so every change to the lead shows up at the top.
 */
export const LeadTimeline = ({ orgId, leadId, firstPage }: LeadTimelineProps) => {
  const fetchPage = useCallback<FetchPage<TimelineEntry>>(
    async (cursor, signal) =>
      !cursor && firstPage
        ? firstPage
        : call(crmRoutes.leadTimeline, { params: { orgId, leadId }, query: { cursor, limit: 20 }, signal }),
    [orgId, leadId, firstPage],
  );
  const list = usePagedList(fetchPage);
  return (
    <CompactPagedList
      list={list}
      loadingLabel="Loading the timeline…"
      emptyText="Nothing has happened to this lead yet."
      moreLabel="Show older entries"
    >
      <TimelineList items={list.items} label="Timeline, newest first" />
    </CompactPagedList>
  );
};
