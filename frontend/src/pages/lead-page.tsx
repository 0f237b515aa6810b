import { useCallback, useState } from 'react';
import {
  crmRoutes,
  type LeadStatus,
  type LeadView,
  type leadDetailView,
  leadStatuses,
} from '../../../shared/crm/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import type * as z from '../../../shared/schema/zod';
import { CrmShell, DetailHeader } from '../components/crm-shell';
import { LeadStatusBadge } from '../components/crm-status-badge';
import { Dialog } from '../components/dialog';
import { JobForm } from '../components/job-form';
import { LeadAutomations } from '../components/lead-automations';
import { LeadForm } from '../components/lead-form';
import { LeadJobs } from '../components/lead-jobs';
import { LeadNotes } from '../components/lead-notes';
import { LeadTimeline } from '../components/lead-timeline';
import { LoadedItem } from '../components/loaded-item';
import { StatusActions } from '../components/status-actions';
import { Widget } from '../components/widget';
import { call } from '../lib/api';
import {
  type CrmScope,
  jobPath,
  leadFinalNote,
  leadMoves,
  leadSourceLabels,
  leadStatusLabels,
  leadsPath,
} from '../lib/crm';
import { formatRelative } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { useToast } from '../lib/toast';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { formatInZone, zoneName } from '../lib/zoned-time';

/** A lead as this page holds it: with its timeline's first page when just loaded, without after a change. */
type ShownLead = LeadView & { readonly timeline?: z.infer<typeof leadDetailView>['timeline'] };

/** One lead: contact, request, source, the pipeline, notes, jobs and timeline. */
export const LeadPage = ({ scope, leadId }: { readonly scope: CrmScope; readonly leadId: string }) => {
  const load = useCallback(
    (signal: AbortSignal): Promise<ShownLead> =>
      call(crmRoutes.getLead, { params: { orgId: scope.orgId, leadId }, signal }),
    [scope.orgId, leadId],
  );
  const lead = useLoaded(load);
  useTitle(lead.data?.name ?? 'Lead');

  return (
    <CrmShell
      scope={scope}
      crumbs={[{ label: 'Leads', to: leadsPath(scope) }, { label: lead.data?.name ?? 'Lead' }]}
    >
      {(organization) => (
        <LoadedItem item={lead} noun="lead" back={<Link to={leadsPath(scope)}>Back to leads</Link>}>
          {(data) => (
            <LeadDetails
              scope={scope}
              organization={organization}
              lead={data}
              onChange={lead.set}
              onReload={lead.reload}
            />
          )}
        </LoadedItem>
      )}
    </CrmShell>
  );
};

interface LeadDetailsProps {
  readonly scope: CrmScope;
  readonly organization: OrganizationView;
  readonly lead: ShownLead;
  readonly onChange: (lead: LeadView) => void;
  readonly onReload: () => Promise<LeadView | null>;
}

const openStages: readonly LeadStatus[] = ['new', 'contacted', 'qualified'];

/** The stages of the pipeline as a row: the open ones, then how it ended (or will end). */
const PipelineStages = ({ status }: { readonly status: LeadStatus }) => {
  const stages: LeadStatus[] = [...openStages, status === 'lost' ? 'lost' : 'won'];
  const reached = leadStatuses.indexOf(status);
  return (
    <ol className="crm-pipeline" aria-label="Pipeline">
      {stages.map((stage) => {
        const current = stage === status;
        const passed = !current && status !== 'lost' && leadStatuses.indexOf(stage) < reached;
        return (
          <li
            key={stage}
            className={`crm-pipeline__stage${current ? ' crm-pipeline__stage--current' : ''}${passed ? ' crm-pipeline__stage--passed' : ''}`}
            aria-current={current ? 'step' : undefined}
          >
            {leadStatusLabels[stage]}
          </li>
        );
      })}
    </ol>
  );
};

const LeadDetails = ({ scope, organization, lead, onChange, onReload }: LeadDetailsProps) => {
  const notify = useToast();
  const [dialog, setDialog] = useState<'edit' | 'job' | null>(null);
  const { timeZone } = organization;

  const move = async (status: LeadStatus, reason: string | undefined) => {
    const moved = await call(crmRoutes.setLeadStatus, {
      params: { orgId: scope.orgId, leadId: lead.id },
      body: { version: lead.version, status, reason },
    });
    onChange(moved);
    notify(`${moved.name} is ${leadStatusLabels[moved.status].toLowerCase()}.`);
  };

  const reload = async () => {
    const latest = await onReload();
    if (!latest) notify('The lead could not be loaded. Please try again.', 'error');
    return latest;
  };

  return (
    <>
      <DetailHeader
        title={lead.name}
        badge={<LeadStatusBadge status={lead.status} />}
        meta={
          <>
            {leadSourceLabels[lead.source]} ·{' '}
            <time dateTime={lead.createdAt} title={formatInZone(lead.createdAt, timeZone)}>
              added {formatRelative(lead.createdAt)}
            </time>
          </>
        }
        actions={
          <>
            <button type="button" className="button button--primary" onClick={() => setDialog('job')}>
              Create job from this lead
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDialog('edit')}>
              Edit details
            </button>
          </>
        }
      />

      <div className="widgets">
        <Widget title="Status" wide>
          <PipelineStages status={lead.status} />
          <StatusActions
            noun="lead"
            itemName={lead.name}
            moves={leadMoves(lead.status)}
            finalNote={leadFinalNote(lead.status)}
            onMove={move}
            onReload={async () => {
              await reload();
            }}
          />
        </Widget>

        <Widget title="Contact">
          <dl className="facts facts--stacked">
            <div>
              <dt>Name</dt>
              <dd>{lead.name}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>
                {lead.email ? (
                  <a href={`mailto:${lead.email}`}>{lead.email}</a>
                ) : (
                  <span className="muted">None</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>
                {lead.phone ? (
                  <a href={`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>{lead.phone}</a>
                ) : (
                  <span className="muted">None</span>
                )}
              </dd>
            </div>
          </dl>
        </Widget>

        <Widget title="Request" wide>
          <dl className="facts facts--stacked">
            <div>
              <dt>Service wanted</dt>
              <dd>{lead.serviceWanted || <span className="muted">Not given</span>}</dd>
            </div>
            <div>
              <dt>Message</dt>
              <dd className="crm-message">{lead.message || <span className="muted">No message</span>}</dd>
            </div>
          </dl>
        </Widget>

        <Widget title="Source">
          <dl className="facts facts--stacked">
            <div>
              <dt>Came in through</dt>
              <dd>{leadSourceLabels[lead.source]}</dd>
            </div>
            <div>
              <dt>Added</dt>
              <dd>
                {formatInZone(lead.createdAt, timeZone)} <span className="muted">({zoneName(timeZone)})</span>
                {lead.createdBy ? <> by {lead.createdBy}</> : null}
              </dd>
            </div>
            <div>
              <dt>Status since</dt>
              <dd>{formatInZone(lead.statusChangedAt, timeZone)}</dd>
            </div>
          </dl>
        </Widget>

        <Widget title="Notes" wide>
          <LeadNotes orgId={scope.orgId} lead={lead} onSaved={onChange} onReload={reload} />
        </Widget>

        <Widget title="Jobs">
          <LeadJobs key={lead.jobIds.join()} scope={scope} jobIds={lead.jobIds} />
        </Widget>

        <Widget title="Automations" full>
          <LeadAutomations key={lead.version} scope={scope} leadId={lead.id} timeZone={timeZone} />
        </Widget>

        <Widget title="Timeline" full>
          <LeadTimeline key={lead.version} orgId={scope.orgId} leadId={lead.id} firstPage={lead.timeline} />
        </Widget>
      </div>

      <Dialog
        open={dialog === 'edit'}
        title={`Edit ${lead.name}`}
        onClose={() => setDialog(null)}
        size="large"
      >
        <LeadForm
          scope={scope}
          lead={lead}
          onCancel={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            onChange(saved);
            notify('The lead is saved.');
          }}
        />
      </Dialog>
      <Dialog
        open={dialog === 'job'}
        title="Create a job from this lead"
        description={`For ${lead.name}. The job is linked to the lead and shows on its timeline.`}
        onClose={() => setDialog(null)}
        size="large"
      >
        <JobForm
          scope={scope}
          organization={organization}
          mode={{ kind: 'from-lead', lead }}
          onCancel={() => setDialog(null)}
          onReload={reload}
          onSaved={(job) => {
            setDialog(null);
            notify(`${job.title} is scheduled.`);
            navigate(jobPath(scope, job.id));
          }}
        />
      </Dialog>
    </>
  );
};
