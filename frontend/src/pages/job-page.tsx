import { useCallback, useState } from 'react';
import { crmRoutes, type JobStatus, type JobView } from '../../../shared/crm/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { CrmShell, DetailHeader } from '../components/crm-shell';
import { JobStatusBadge } from '../components/crm-status-badge';
import { Dialog } from '../components/dialog';
import { JobForm } from '../components/job-form';
import { LoadedItem } from '../components/loaded-item';
import { StatusActions } from '../components/status-actions';
import { Widget } from '../components/widget';
import { call } from '../lib/api';
import { type CrmScope, jobFinalNote, jobMoves, jobStatusLabels, jobsPath, leadPath } from '../lib/crm';
import { formatMoney } from '../lib/money';
import { Link } from '../lib/router';
import { useToast } from '../lib/toast';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { formatInZone, formatTimeInZone, sameClock, viewerTimeZone, zoneName } from '../lib/zoned-time';

/** One job: when and where, the customer, the price, and the moves its lifecycle allows. */
export const JobPage = ({ scope, jobId }: { readonly scope: CrmScope; readonly jobId: string }) => {
  const load = useCallback(
    (signal: AbortSignal) => call(crmRoutes.getJob, { params: { orgId: scope.orgId, jobId }, signal }),
    [scope.orgId, jobId],
  );
  const job = useLoaded(load);
  useTitle(job.data?.title ?? 'Job');

  return (
    <CrmShell
      scope={scope}
      crumbs={[{ label: 'Jobs', to: jobsPath(scope) }, { label: job.data?.title ?? 'Job' }]}
    >
      {(organization) => (
        <LoadedItem item={job} noun="job" back={<Link to={jobsPath(scope)}>Back to jobs</Link>}>
          {(data) => (
            <JobDetails
              scope={scope}
              organization={organization}
              job={data}
              onChange={job.set}
              onReload={job.reload}
            />
          )}
        </LoadedItem>
      )}
    </CrmShell>
  );
};

interface JobDetailsProps {
  readonly scope: CrmScope;
  readonly organization: OrganizationView;
  readonly job: JobView;
  readonly onChange: (job: JobView) => void;
  readonly onReload: () => Promise<JobView | null>;
}

const endOf = (job: JobView) =>
  new Date(Date.parse(job.scheduledAt) + job.durationMinutes * 60_000).toISOString();

const JobDetails = ({ scope, organization, job, onChange, onReload }: JobDetailsProps) => {
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  // The API names the zone it used for this job; it is the organization's.
  const timeZone = job.timeZone || organization.timeZone;
  const viewerZone = viewerTimeZone();

  const move = async (status: JobStatus, reason: string | undefined) => {
    const moved = await call(crmRoutes.setJobStatus, {
      params: { orgId: scope.orgId, jobId: job.id },
      body: { version: job.version, status, reason },
    });
    onChange(moved);
    notify(`${moved.title} is ${jobStatusLabels[moved.status].toLowerCase()}.`);
  };

  const reload = async () => {
    const latest = await onReload();
    if (!latest) notify('The job could not be loaded. Please try again.', 'error');
    return latest;
  };

  const lifecycle: [string, string | null][] = [
    ['Started', job.startedAt],
    ['Completed', job.completedAt],
    ['Cancelled', job.cancelledAt],
  ];

  return (
    <>
      <DetailHeader
        title={job.title}
        badge={<JobStatusBadge status={job.status} />}
        meta={
          <>
            {formatInZone(job.scheduledAt, timeZone)} ({zoneName(timeZone)}) · {job.customer.name}
          </>
        }
        actions={
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit job
          </button>
        }
      />

      <div className="widgets">
        <Widget title="Status" wide>
          <StatusActions
            noun="job"
            itemName={job.title}
            moves={jobMoves(job.status)}
            finalNote={jobFinalNote(job.status)}
            onMove={move}
            onReload={async () => {
              await reload();
            }}
          />
          <dl className="facts facts--inline">
            <div>
              <dt>Created</dt>
              <dd>
                {formatInZone(job.createdAt, timeZone)} by {job.createdBy}
              </dd>
            </div>
            {lifecycle.map(([label, at]) =>
              at ? (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{formatInZone(at, timeZone)}</dd>
                </div>
              ) : null,
            )}
          </dl>
        </Widget>

        <Widget title="Customer">
          <dl className="facts facts--stacked">
            <div>
              <dt>Name</dt>
              <dd>{job.customer.name}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>
                {job.customer.email ? (
                  <a href={`mailto:${job.customer.email}`}>{job.customer.email}</a>
                ) : (
                  <span className="muted">None</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>
                {job.customer.phone ? (
                  <a href={`tel:${job.customer.phone.replace(/[^\d+]/g, '')}`}>{job.customer.phone}</a>
                ) : (
                  <span className="muted">None</span>
                )}
              </dd>
            </div>
          </dl>
        </Widget>

        <Widget title="When and where" wide>
          <dl className="facts facts--stacked">
            <div>
              <dt>Scheduled ({zoneName(timeZone)})</dt>
              <dd>
                <time dateTime={job.scheduledAt}>{formatInZone(job.scheduledAt, timeZone)}</time> to{' '}
                {formatTimeInZone(endOf(job), timeZone)} ({job.durationMinutes} minutes)
                {sameClock(timeZone, viewerZone, job.scheduledAt) ? null : (
                  <span className="table__secondary crm-block">
                    Your time ({zoneName(viewerZone)}): {formatInZone(job.scheduledAt, viewerZone)}
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt>Address</dt>
              <dd>{job.address}</dd>
            </div>
          </dl>
        </Widget>

        <Widget title="Price and origin">
          <dl className="facts facts--stacked">
            <div>
              <dt>Price</dt>
              <dd className="crm-price">{formatMoney(job.price)}</dd>
            </div>
            <div>
              <dt>From lead</dt>
              <dd>
                {job.leadId ? (
                  <Link to={leadPath(scope, job.leadId)}>Open the lead</Link>
                ) : (
                  <span className="muted">Scheduled directly</span>
                )}
              </dd>
            </div>
          </dl>
        </Widget>

        <Widget title="Notes" full>
          {job.notes ? <p className="crm-message">{job.notes}</p> : <p className="muted">No notes.</p>}
        </Widget>
      </div>

      <Dialog open={editing} title={`Edit ${job.title}`} onClose={() => setEditing(false)} size="large">
        <JobForm
          scope={scope}
          organization={organization}
          mode={{ kind: 'edit', job }}
          onCancel={() => setEditing(false)}
          onReload={reload}
          onSaved={(saved) => {
            setEditing(false);
            onChange(saved);
            notify('The job is saved.');
          }}
        />
      </Dialog>
    </>
  );
};
