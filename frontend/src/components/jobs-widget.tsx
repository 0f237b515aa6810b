import { useCallback } from 'react';
import { crmRoutes, type JobView } from '../../../shared/crm/contracts';
import { organizationRoutes } from '../../../shared/organizations/contracts';
import { call } from '../lib/api';
import { type CrmScope, jobPath, jobsPath } from '../lib/crm';
import { Link } from '../lib/router';
import { useLoaded } from '../lib/use-loaded';
import { formatDayInZone, formatTimeInZone, todayIn, zoneName } from '../lib/zoned-time';
import { JobStatusBadge } from './crm-status-badge';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';
import '../crm.css';

const shown = 6;

interface Agenda {
  readonly timeZone: string;
  readonly today: string;
  readonly jobs: readonly JobView[];
}

/** Today's and the next jobs on the organization's clock, linking to each job and to the whole list. */
export const JobsWidget = ({ scope }: { readonly scope: CrmScope }) => {
  const load = useCallback(
    async (signal: AbortSignal): Promise<Agenda> => {
      // "Today" is the organization's, which may not be the browser's.
      const organization = await call(organizationRoutes.get, { params: { orgId: scope.orgId }, signal });
      const today = todayIn(organization.timeZone);
      const page = await call(crmRoutes.listJobs, {
        params: { orgId: scope.orgId },
        query: { from: today, limit: shown * 2 },
        signal,
      });
      // Cancelled jobs are not on anyone's agenda.
      const jobs = page.items.filter((job) => job.status !== 'cancelled').slice(0, shown);
      return { timeZone: organization.timeZone, today, jobs };
    },
    [scope.orgId],
  );
  const agenda = useLoaded(load);
  const data = agenda.data;
  const todays = data?.jobs.filter((job) => job.scheduledAtLocal.startsWith(data.today)) ?? [];
  const later = data?.jobs.filter((job) => !job.scheduledAtLocal.startsWith(data.today)) ?? [];

  const row = (job: JobView, withDay: boolean, timeZone: string) => (
    <li key={job.id} className="crm-list__item">
      <div>
        <Link to={jobPath(scope, job.id)} className="table__primary">
          {job.title}
        </Link>
        <p className="table__secondary">
          <time dateTime={job.scheduledAt}>
            {withDay ? `${formatDayInZone(job.scheduledAt, timeZone)}, ` : ''}
            {formatTimeInZone(job.scheduledAt, timeZone)}
          </time>{' '}
          · {job.customer.name}
        </p>
      </div>
      <JobStatusBadge status={job.status} />
    </li>
  );

  return (
    <Widget
      title="Jobs"
      actions={
        <Link to={jobsPath(scope)} className="button button--secondary button--small">
          All jobs
        </Link>
      }
    >
      {agenda.status === 'loading' ? (
        <LoadingRows label="Loading jobs…" />
      ) : !data ? (
        <RetryAlert title={agenda.error ?? undefined} onRetry={() => void agenda.reload()} />
      ) : data.jobs.length === 0 ? (
        <p className="muted">Nothing scheduled from today on.</p>
      ) : (
        <>
          <p className="table__secondary">Times in {zoneName(data.timeZone)}.</p>
          <h3 className="crm-subheading">Today</h3>
          {todays.length ? (
            <ul className="crm-list" aria-label="Today’s jobs">
              {todays.map((job) => row(job, false, data.timeZone))}
            </ul>
          ) : (
            <p className="muted">No jobs today.</p>
          )}
          {later.length ? (
            <>
              <h3 className="crm-subheading">Coming up</h3>
              <ul className="crm-list" aria-label="Upcoming jobs">
                {later.map((job) => row(job, true, data.timeZone))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Widget>
  );
};
