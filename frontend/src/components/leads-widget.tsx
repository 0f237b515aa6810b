import { useCallback } from 'react';
import { crmRoutes, type LeadView } from '../../../shared/crm/contracts';
import { call } from '../lib/api';
import { type CrmScope, leadPath, leadSourceLabels, leadsPath } from '../lib/crm';
import { formatDateTime, formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { LeadStatusBadge } from './crm-status-badge';
import { CompactPagedList } from './list-states';
import { Widget } from './widget';
import '../crm.css';

const shown = 5;

/** The latest leads with where they stand, linking to each lead and to the whole list. */
export const LeadsWidget = ({ scope }: { readonly scope: CrmScope }) => {
  const fetchPage = useCallback<FetchPage<LeadView>>(
    async (_cursor, signal) => {
      const page = await call(crmRoutes.listLeads, {
        params: { orgId: scope.orgId },
        query: { limit: shown },
        signal,
      });
      // A glance, not a list to page through: the page behind "All leads" has the rest.
      return { items: page.items, nextCursor: null };
    },
    [scope.orgId],
  );
  const list = usePagedList(fetchPage);

  return (
    <Widget
      title="Leads"
      actions={
        <Link to={leadsPath(scope)} className="button button--secondary button--small">
          All leads
        </Link>
      }
    >
      <CompactPagedList
        list={list}
        loadingLabel="Loading leads…"
        emptyText="No leads yet. Leads from your website form show up here."
        moreLabel="More leads"
      >
        <ul className="crm-list" aria-label="Latest leads">
          {list.items.map((lead) => (
            <li key={lead.id} className="crm-list__item">
              <div>
                <Link to={leadPath(scope, lead.id)} className="table__primary">
                  {lead.name}
                </Link>
                <p className="table__secondary">
                  {lead.serviceWanted || leadSourceLabels[lead.source]} ·{' '}
                  <time dateTime={lead.createdAt} title={formatDateTime(lead.createdAt)}>
                    {formatRelative(lead.createdAt)}
                  </time>
                </p>
              </div>
              <LeadStatusBadge status={lead.status} />
            </li>
          ))}
        </ul>
      </CompactPagedList>
    </Widget>
  );
};
