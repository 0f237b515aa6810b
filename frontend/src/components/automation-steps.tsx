import { useCallback, useId, useState } from 'react';
import { automationRoutes, automationTemplates, type StepView } from '../../../shared/automations/contracts';
import { ApiError, call, errorMessage } from '../lib/api';
import { type CrmScope, jobPath, leadPath } from '../lib/crm';
import { formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { useToast } from '../lib/toast';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { formatInZone, zoneName } from '../lib/zoned-time';
import { StepStatusBadge } from './automation-badges';
import { BusyButton } from './busy-button';
import { CompactPagedList } from './list-states';
import './automations.css';

/**
 * Cancels a queued step with one click. A step that ran or was cancelled meanwhile answers 409; the
 * caller is told to look again.
 */
export const useCancelStep = (onCancelled: (step: StepView) => void, onStale: () => void) => {
  const notify = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const cancel = async (step: StepView) => {
    setBusy(step.id);
    try {
      const cancelled = await call(automationRoutes.cancelStep, {
        params: { orgId: step.orgId, stepId: step.id },
      });
      onCancelled(cancelled);
      notify(`Cancelled: ${step.label}.`);
    } catch (caught) {
      notify(errorMessage(caught), 'error');
      if (caught instanceof ApiError && caught.status === 409) onStale();
    } finally {
      setBusy(null);
    }
  };
  return { cancel, cancelling: busy };
};

interface StepListProps {
  readonly steps: readonly StepView[];
  readonly timeZone: string;
  readonly label: string;
  /** Offers "Cancel" on each queued step. */
  readonly onCancel?: (step: StepView) => void;
  readonly cancelling?: string | null;
  /** Links each step to its lead or job, for lists of a whole organization. */
  readonly linkScope?: CrmScope;
}

/** Steps with when each is due on the organization's clock, why, to whom, and (queued) a "Cancel" button. */
export const StepList = ({ steps, timeZone, label, onCancel, cancelling, linkScope }: StepListProps) => (
  <ul className="crm-list automation-steps" aria-label={label}>
    {steps.map((step) => (
      <li key={step.id} className="crm-list__item automation-step">
        <div>
          <p className="table__primary">{step.label}</p>
          <p className="automation-step__when">
            {step.status === 'cancelled' ? 'Planned for ' : 'Due '}
            <time dateTime={step.dueAt}>{formatInZone(step.dueAt, timeZone)}</time>{' '}
            <span className="muted">({formatRelative(step.dueAt)})</span>
          </p>
          <p className="table__secondary">
            {automationTemplates[step.automation].name} · {step.reason}
            {step.recipient ? ` · to ${step.recipient}` : ''}
          </p>
          {step.cancelledBy ? <p className="table__secondary">Cancelled by {step.cancelledBy}</p> : null}
          {linkScope && (step.leadId || step.jobId) ? (
            <p className="automation-run__links">
              {step.leadId ? <Link to={leadPath(linkScope, step.leadId)}>Open lead</Link> : null}
              {step.jobId ? <Link to={jobPath(linkScope, step.jobId)}>Open job</Link> : null}
            </p>
          ) : null}
        </div>
        {step.status === 'queued' && onCancel ? (
          <BusyButton
            className="button button--secondary button--small"
            busy={cancelling === step.id}
            busyLabel="Cancelling…"
            onClick={() => onCancel(step)}
            aria-label={cancelling === step.id ? undefined : `Cancel ${step.label}`}
          >
            Cancel
          </BusyButton>
        ) : (
          <StepStatusBadge status={step.status} />
        )}
      </li>
    ))}
  </ul>
);

interface QueuedStepsProps {
  readonly orgId: string;
  readonly timeZone: string;
  readonly linkScope: CrmScope;
}

/** An organization's queued steps, soonest first, each with "Cancel". */
export const QueuedSteps = ({ orgId, timeZone, linkScope }: QueuedStepsProps) => {
  const headingId = useId();
  const fetchPage = useCallback<FetchPage<StepView>>(
    (cursor, signal) =>
      call(automationRoutes.listSteps, {
        params: { orgId },
        query: { status: 'queued', cursor, limit: 10 },
        signal,
      }),
    [orgId],
  );
  const list = usePagedList(fetchPage);
  const { cancel, cancelling } = useCancelStep(list.replace, list.reload);
  return (
    <section className="card card__padded automations-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId} className="section-header__title">
          Coming up
        </h2>
        <p className="muted small">Soonest first, on the organization’s clock ({zoneName(timeZone)}).</p>
      </div>
      <CompactPagedList
        list={list}
        loadingLabel="Loading queued steps…"
        emptyText="Nothing is queued. Follow-ups, reminders and review requests wait here until they are due."
        moreLabel="Show later steps"
      >
        <StepList
          steps={list.items}
          timeZone={timeZone}
          label="Queued steps, soonest first"
          onCancel={(step) => void cancel(step)}
          cancelling={cancelling}
          linkScope={linkScope}
        />
      </CompactPagedList>
    </section>
  );
};
