import { useCallback, useRef, useState } from 'react';
import {
  automationRoutes,
  type LeadAutomationsView,
  type RunView,
  type StepView,
} from '../../../shared/automations/contracts';
import { call, errorMessage } from '../lib/api';
import type { CrmScope } from '../lib/crm';
import { useToast } from '../lib/toast';
import { useLoaded } from '../lib/use-loaded';
import { zoneName } from '../lib/zoned-time';
import { RunEntries } from './automation-runs';
import { StepList, useCancelStep } from './automation-steps';
import { LoadingRows, RetryAlert } from './list-states';
import './automations.css';

interface LeadAutomationsProps {
  readonly scope: CrmScope;
  readonly leadId: string;
  readonly timeZone: string;
}

const runsPerPage = 10;

/** Puts a cancelled step where it now belongs: out of the queue, at the top of the cancelled ones. */
const withCancelled = (view: LeadAutomationsView, step: StepView): LeadAutomationsView => ({
  ...view,
  queued: view.queued.filter((queued) => queued.id !== step.id),
  cancelled: [step, ...view.cancelled.filter((cancelled) => cancelled.id !== step.id)],
});

const withRun = (view: LeadAutomationsView, run: RunView): LeadAutomationsView => ({
  ...view,
  runs: { ...view.runs, items: view.runs.items.map((item) => (item.id === run.id ? run : item)) },
});

/**
 * A lead's automations: what is queued next and when (on the organization's clock), each with a one-click
 * "Cancel", and what fired and why, newest first. Keyed by the lead's version where it is used, so a change
 * to the lead (which may stop its follow-ups) loads it afresh.
 */
export const LeadAutomations = ({ scope, leadId, timeZone }: LeadAutomationsProps) => {
  const notify = useToast();
  const load = useCallback(
    (signal: AbortSignal) =>
      call(automationRoutes.leadAutomations, {
        params: { orgId: scope.orgId, leadId },
        query: { limit: runsPerPage },
        signal,
      }),
    [scope.orgId, leadId],
  );
  const timeline = useLoaded(load);
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, set, reload } = timeline;
  // A retry reports for a while after it started; each report applies to what is shown by then.
  const latest = useRef(data);
  latest.current = data;
  const { cancel, cancelling } = useCancelStep(
    (step) => {
      if (latest.current) set(withCancelled(latest.current, step));
    },
    () => void reload(),
  );

  const onRunChange = useCallback(
    (run: RunView) => {
      if (latest.current) set(withRun(latest.current, run));
    },
    [set],
  );

  if (!data)
    return timeline.status === 'error' ? (
      <RetryAlert title={timeline.error ?? undefined} onRetry={() => void reload()} />
    ) : (
      <LoadingRows label="Loading automations…" />
    );

  const loadOlder = async () => {
    if (!data.runs.nextCursor) return;
    setLoadingMore(true);
    try {
      const older = await call(automationRoutes.leadAutomations, {
        params: { orgId: scope.orgId, leadId },
        query: { limit: runsPerPage, cursor: data.runs.nextCursor },
      });
      set({
        ...data,
        runs: { items: [...data.runs.items, ...older.runs.items], nextCursor: older.runs.nextCursor },
      });
    } catch (caught) {
      notify(errorMessage(caught), 'error');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="lead-automations">
      <p className="muted small">Times on the organization’s clock ({zoneName(timeZone)}).</p>
      <div className="lead-automations__part">
        <h3 className="crm-subheading">Coming up</h3>
        {data.queued.length ? (
          <StepList
            steps={data.queued}
            timeZone={timeZone}
            label="Queued for this lead, soonest first"
            onCancel={(step) => void cancel(step)}
            cancelling={cancelling}
          />
        ) : (
          <p className="muted">Nothing is queued for this lead.</p>
        )}
      </div>
      <div className="lead-automations__part">
        <h3 className="crm-subheading">What fired and why</h3>
        {data.runs.items.length ? (
          <RunEntries
            runs={data.runs.items}
            timeZone={timeZone}
            audience={scope.audience}
            onRunChange={scope.audience === 'admin' ? onRunChange : undefined}
          />
        ) : (
          <p className="muted">No automation has run for this lead yet.</p>
        )}
        {data.runs.nextCursor ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void loadOlder()}
            disabled={loadingMore}
            aria-busy={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Show older runs'}
          </button>
        ) : null}
      </div>
      {data.cancelled.length ? (
        <div className="lead-automations__part">
          <h3 className="crm-subheading">Cancelled</h3>
          <StepList steps={data.cancelled} timeZone={timeZone} label="Cancelled steps" />
        </div>
      ) : null}
    </div>
  );
};
