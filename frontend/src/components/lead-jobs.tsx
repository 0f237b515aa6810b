import { useCallback } from 'react';
import { crmRoutes } from '../../../shared/crm/contracts';
import { call } from '../lib/api';
import { type CrmScope, jobPath } from '../lib/crm';
import { formatMoney } from '../lib/money';
import { Link } from '../lib/router';
import { useLoaded } from '../lib/use-loaded';
import { formatInZone } from '../lib/zoned-time';
import { JobStatusBadge } from './crm-status-badge';
import { LoadingRows, RetryAlert } from './list-states';

interface LeadJobsProps {
  readonly scope: CrmScope;
  readonly jobIds: readonly string[];
}

/** The jobs created from a lead, oldest first, each with its time, price and status. */
export const LeadJobs = ({ scope, jobIds }: LeadJobsProps) => {
  const ids = jobIds.join(',');
  const load = useCallback(
    (signal: AbortSignal) =>
      Promise.all(
        ids
          .split(',')
          .filter(Boolean)
          .map((jobId) => call(crmRoutes.getJob, { params: { orgId: scope.orgId, jobId }, signal })),
      ),
    [ids, scope.orgId],
  );
  const jobs = useLoaded(load);

  if (jobIds.length === 0) return <p className="muted">No jobs yet.</p>;
  if (jobs.status === 'loading') return <LoadingRows label="Loading jobs…" />;
  if (!jobs.data) return <RetryAlert title={jobs.error ?? undefined} onRetry={() => void jobs.reload()} />;
  return (
    <ul className="crm-list">
      {jobs.data.map((job) => (
        <li key={job.id} className="crm-list__item">
          <div>
            <Link to={jobPath(scope, job.id)} className="table__primary">
              {job.title}
            </Link>
            <p className="table__secondary">
              {formatInZone(job.scheduledAt, job.timeZone)} · {formatMoney(job.price)}
            </p>
          </div>
          <JobStatusBadge status={job.status} />
        </li>
      ))}
    </ul>
  );
};
