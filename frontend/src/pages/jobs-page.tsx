import { useCallback, useState } from 'react';
import { crmRoutes, type JobStatus, type JobView, jobStatuses } from '../../../shared/crm/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { CrmShell } from '../components/crm-shell';
import { JobStatusBadge } from '../components/crm-status-badge';
import { DateRangeFields } from '../components/date-range-fields';
import { Dialog } from '../components/dialog';
import { JobForm } from '../components/job-form';
import { FilterBar, FilterSelect, PageHeader } from '../components/list-page';
import { PagedListCard } from '../components/list-states';
import { ListTable } from '../components/list-table';
import { call } from '../lib/api';
import { type CrmScope, dateRangeError, fillPage, jobPath, jobStatusLabels } from '../lib/crm';
import { formatMoney } from '../lib/money';
import { Link, navigate } from '../lib/router';
import { useToast } from '../lib/toast';
import { type FetchPage, useDebounced, usePagedList } from '../lib/use-paged-list';
import { useTitle } from '../lib/use-title';
import { formatInZone, todayIn, zoneName } from '../lib/zoned-time';

/** The jobs of one organization by scheduled time, for its own users and for operator admins alike. */
export const JobsPage = ({ scope }: { readonly scope: CrmScope }) => {
  useTitle('Jobs');
  return (
    <CrmShell scope={scope} crumbs={[{ label: 'Jobs' }]}>
      {(organization) => <JobsList scope={scope} organization={organization} />}
    </CrmShell>
  );
};

const JobsList = ({
  scope,
  organization,
}: {
  readonly scope: CrmScope;
  readonly organization: OrganizationView;
}) => {
  const notify = useToast();
  const { timeZone } = organization;
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<JobStatus | ''>('');
  // Jobs run earliest first, so the list starts today rather than with the oldest job ever.
  const [from, setFrom] = useState(() => todayIn(timeZone));
  const [to, setTo] = useState('');
  const [adding, setAdding] = useState(false);
  const q = useDebounced(search.trim());
  const rangeError = dateRangeError(from, to);
  const qFrom = (!rangeError && from) || undefined;
  const qTo = (!rangeError && to) || undefined;

  const fetchPage = useCallback<FetchPage<JobView>>(
    (cursor, signal) =>
      fillPage(
        (next) =>
          call(crmRoutes.listJobs, {
            params: { orgId: scope.orgId },
            query: { status: status || undefined, from: qFrom, to: qTo, q: q || undefined, cursor: next },
            signal,
          }),
        cursor,
      ),
    [scope.orgId, status, qFrom, qTo, q],
  );
  const list = usePagedList(fetchPage);
  const filtered = Boolean(status || qTo || q);

  return (
    <>
      <PageHeader
        title="Jobs"
        lead={`${scope.audience === 'admin' ? `Jobs of ${organization.name}` : 'Your jobs'}, earliest first. Times are on the organization’s clock (${zoneName(timeZone)}).`}
        addLabel="New job"
        onAdd={() => setAdding(true)}
      />

      <FilterBar
        searchLabel="Search jobs"
        placeholder="Customer, title or address"
        search={search}
        onSearch={setSearch}
        wrap
      >
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          value={status}
          options={jobStatuses}
          labels={jobStatusLabels}
          onChange={setStatus}
        />
        <DateRangeFields
          fromLabel="Scheduled from"
          toLabel="Scheduled until"
          from={from}
          to={to}
          onFrom={setFrom}
          onTo={setTo}
          error={rangeError}
        />
      </FilterBar>

      <PagedListCard
        list={list}
        heading="Job list"
        loadingLabel="Loading jobs…"
        emptyTitle={filtered ? 'No jobs match' : qFrom ? 'No jobs from this date on' : 'No jobs yet'}
        emptyBody={
          filtered
            ? 'Try another search or filter.'
            : qFrom
              ? 'Clear “Scheduled from” to see earlier jobs, or schedule one with “New job”.'
              : 'Schedule a job with “New job”, or create one from a lead.'
        }
        noun={['job', 'jobs']}
      >
        <ListTable columns={['Job', 'When', 'Address', 'Price', 'Status']}>
          {list.items.map((job) => (
            <tr key={job.id}>
              <td data-label="Job">
                <Link to={jobPath(scope, job.id)} className="table__primary">
                  {job.title}
                </Link>
                <p className="table__secondary">{job.customer.name}</p>
              </td>
              <td data-label="When">
                <time dateTime={job.scheduledAt}>{formatInZone(job.scheduledAt, timeZone)}</time>
              </td>
              <td data-label="Address">{job.address}</td>
              <td data-label="Price">{formatMoney(job.price)}</td>
              <td data-label="Status">
                <JobStatusBadge status={job.status} />
              </td>
              <td className="table__actions">
                <Link
                  to={jobPath(scope, job.id)}
                  className="button button--ghost button--small"
                  aria-label={`Open ${job.title} for ${job.customer.name}`}
                >
                  Open
                </Link>
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>

      <Dialog
        open={adding}
        title="New job"
        description="Schedule a job directly. To keep a job with its lead, create it from the lead’s page."
        onClose={() => setAdding(false)}
        size="large"
      >
        <JobForm
          scope={scope}
          organization={organization}
          mode={{ kind: 'create' }}
          onCancel={() => setAdding(false)}
          onSaved={(job) => {
            setAdding(false);
            notify(`${job.title} is scheduled.`);
            navigate(jobPath(scope, job.id));
          }}
        />
      </Dialog>
    </>
  );
};
