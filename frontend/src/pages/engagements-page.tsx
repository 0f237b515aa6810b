import { useCallback, useState } from 'react';
import {
  type EngagementSummaryView,
  engagementRoutes,
  type OverviewQuery,
} from '../../../shared/engagements/contracts';
import { AppShell } from '../components/app-shell';
import { SelectField, TextField } from '../components/field';
import { FilterBar, PageHeader } from '../components/list-page';
import { PagedListCard } from '../components/list-states';
import { ListTable } from '../components/list-table';
import { PhaseBars } from '../components/progress-bar';
import { adminNav } from '../lib/admin-nav';
import { call } from '../lib/api';
import { phaseLabel } from '../lib/checklist';
import { formatDateTime, formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { type FetchPage, useDebounced, usePagedList } from '../lib/use-paged-list';
import { useTitle } from '../lib/use-title';

type Only = OverviewQuery['only'];
type Sort = OverviewQuery['sort'];

const defaultStalledAfterDays = 14;

/** The days typed in the "Stalled after" box, or null when they are not a whole number from 1 to 365. */
const parseDays = (value: string): number | null => {
  if (!/^\s*\d{1,3}\s*$/.test(value)) return null;
  const days = Number(value);
  return days >= 1 && days <= 365 ? days : null;
};

const engagementPath = (engagement: EngagementSummaryView) =>
  `/admin/organizations/${engagement.orgId}?engagement=${engagement.id}`;

const StatusCell = ({ engagement }: { readonly engagement: EngagementSummaryView }) => {
  if (engagement.stalled) return <span className="badge badge--warning">Stalled</span>;
  const { total, done, skipped } = engagement.totals;
  if (total > 0 && done + skipped === total) return <span className="badge badge--success">Complete</span>;
  return <span className="badge badge--neutral">In progress</span>;
};

/** Every client engagement at a glance: progress per phase, the last change, and which ones stall. */
export const EngagementsPage = () => {
  useTitle('Engagements');
  const [search, setSearch] = useState('');
  const [only, setOnly] = useState<Only>('all');
  const [sort, setSort] = useState<Sort>('updated');
  const [daysText, setDaysText] = useState(String(defaultStalledAfterDays));
  const typedDays = parseDays(daysText);
  const [stalledAfterDays, setStalledAfterDays] = useState(defaultStalledAfterDays);
  const q = useDebounced(search.trim());
  const days = useDebounced(stalledAfterDays, 400);

  const fetchPage = useCallback<FetchPage<EngagementSummaryView>>(
    (cursor, signal) =>
      call(engagementRoutes.overview, {
        query: { q: q || undefined, only, sort, stalledAfterDays: days, cursor },
        signal,
      }),
    [q, only, sort, days],
  );
  const list = usePagedList(fetchPage);

  const filtered = q !== '' || only !== 'all';
  return (
    <AppShell area="Operator console" nav={adminNav}>
      <PageHeader
        title="Engagements"
        lead="Every client project: how far along it is, where the work stands and what has stalled."
      />

      <FilterBar
        searchLabel="Search engagements"
        placeholder="Organization or project"
        search={search}
        onSearch={setSearch}
        wrap
      >
        <SelectField label="Show" value={only} onChange={(event) => setOnly(event.target.value as Only)}>
          <option value="all">All</option>
          <option value="stalled">Stalled</option>
          <option value="active">Active (changed recently)</option>
          <option value="complete">Complete</option>
        </SelectField>
        <SelectField label="Sort by" value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
          <option value="updated">Last update</option>
          <option value="name">Name</option>
        </SelectField>
        <TextField
          label="Stalled after (days)"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          value={daysText}
          onChange={(event) => {
            setDaysText(event.target.value);
            const parsed = parseDays(event.target.value);
            if (parsed !== null) setStalledAfterDays(parsed);
          }}
          error={typedDays === null ? 'A whole number from 1 to 365' : undefined}
          className="toolbar__days"
        />
      </FilterBar>

      <PagedListCard
        list={list}
        heading="Engagement list"
        loadingLabel="Loading engagements…"
        emptyTitle={filtered ? 'No engagements match' : 'No engagements yet'}
        emptyBody={
          filtered ? (
            'Try another search or filter.'
          ) : (
            <>
              Start one from an organization’s page.
              <Link to="/admin/organizations">Go to organizations</Link>
            </>
          )
        }
        noun={['engagement', 'engagements']}
      >
        <ListTable
          columns={['Organization', 'Project', 'Current phase', 'Progress', 'Last update', 'Status']}
        >
          {list.items.map((engagement) => (
            <tr key={engagement.id}>
              <td data-label="Organization">
                <Link to={engagementPath(engagement)} className="table__primary">
                  {engagement.organizationName}
                </Link>
              </td>
              <td data-label="Project">{engagement.projectName}</td>
              <td data-label="Current phase">
                {engagement.currentPhase ? (
                  phaseLabel(engagement.currentPhase)
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td data-label="Progress">
                <div className="progress-cell">
                  <span className="progress-cell__percent">{engagement.totals.percentComplete}%</span>
                  <PhaseBars phases={engagement.phases} current={engagement.currentPhase?.index ?? null} />
                </div>
              </td>
              <td data-label="Last update">
                <div>
                  <time dateTime={engagement.updatedAt} title={formatDateTime(engagement.updatedAt)}>
                    {formatRelative(engagement.updatedAt)}
                  </time>
                  <p className="table__secondary">by {engagement.updatedBy}</p>
                </div>
              </td>
              <td data-label="Status">
                <StatusCell engagement={engagement} />
              </td>
              <td className="table__actions">
                <Link
                  to={engagementPath(engagement)}
                  className="button button--ghost button--small"
                  aria-label={`Open the engagement of ${engagement.organizationName}`}
                >
                  Open
                </Link>
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>
    </AppShell>
  );
};
