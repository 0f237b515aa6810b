import { useCallback, useId, useState } from 'react';
import {
  type AutomationId,
  automationIds,
  automationRoutes,
  automationTemplates,
  type RunOutcome,
  type RunView,
  runOutcomes,
} from '../../../shared/automations/contracts';
import { call } from '../lib/api';
import { formatDuration, runOutcomeLabels, triggerText } from '../lib/automations';
import { adminScope, automationsPath, clientScope, fillPage, jobPath, leadPath } from '../lib/crm';
import { formatDateTime, formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { useRunRetry } from '../lib/use-run-retry';
import { formatInZone, zoneName } from '../lib/zoned-time';
import { RunOutcomeBadge } from './automation-badges';
import { BusyButton } from './busy-button';
import { SelectField } from './field';
import { FilterSelect } from './list-page';
import { PagedListCard } from './list-states';
import { ListTable } from './list-table';
import './automations.css';

/** Who reads the runs: where their lead and job links lead, and whether failed runs offer "Retry". */
type Audience = 'admin' | 'client';

const scopeFor = (audience: Audience, orgId: string) =>
  audience === 'admin' ? adminScope(orgId) : clientScope(orgId);

/** "Started 3 minutes ago", titled with the moment on the given clock (or the reader's). */
const When = ({ at, timeZone }: { readonly at: string; readonly timeZone: string | undefined }) => (
  <time dateTime={at} title={timeZone ? formatInZone(at, timeZone) : formatDateTime(at)}>
    {formatRelative(at)}
  </time>
);

/** The links from a run to the lead or job it was about. */
const RunLinks = ({ run, audience }: { readonly run: RunView; readonly audience: Audience }) => {
  const scope = scopeFor(audience, run.orgId);
  if (!run.leadId && !run.jobId) return null;
  return (
    <p className="automation-run__links">
      {run.leadId ? <Link to={leadPath(scope, run.leadId)}>Open lead</Link> : null}
      {run.jobId ? <Link to={jobPath(scope, run.jobId)}>Open job</Link> : null}
    </p>
  );
};

/** A run's error, and whether the platform gave up retrying it because no retry could fix it. */
const RunError = ({ run }: { readonly run: RunView }) =>
  run.error ? (
    <p className="automation-run__error">
      {run.permanent ? <strong>Not retryable: </strong> : null}
      {run.error}
    </p>
  ) : null;

/** What came of a run: its badge, what it did, and the error when it failed. */
const RunResult = ({ run }: { readonly run: RunView }) => (
  <div className="automation-run__result">
    <RunOutcomeBadge outcome={run.outcome} />
    {run.detail ? <p className="table__secondary">{run.detail}</p> : null}
    <RunError run={run} />
    {run.attempts > 1 || run.retriedBy ? (
      <p className="table__secondary">
        {run.attempts > 1 ? `${run.attempts} attempts` : null}
        {run.attempts > 1 && run.retriedBy ? ' · ' : null}
        {run.retriedBy ? `retried by ${run.retriedBy}` : null}
      </p>
    ) : null}
  </div>
);

interface RetryButtonProps {
  readonly run: RunView;
  readonly busy: boolean;
  readonly onRetry: (run: RunView) => void;
}

const RetryButton = ({ run, busy, onRetry }: RetryButtonProps) => (
  <BusyButton
    className="button button--secondary button--small"
    busy={busy}
    busyLabel="Retrying…"
    onClick={() => onRetry(run)}
    aria-label={busy ? undefined : `Retry ${run.action}`}
  >
    Retry
  </BusyButton>
);

interface RunEntriesProps {
  readonly runs: readonly RunView[];
  readonly timeZone: string;
  readonly audience: Audience;
  /** Offers "Retry" on failed runs (operator admins). */
  readonly onRunChange?: (run: RunView) => void;
}

/** Runs as a timeline, newest first: what fired, why, and what came of it (a lead's page). */
export const RunEntries = ({ runs, timeZone, audience, onRunChange }: RunEntriesProps) => {
  const noop = useCallback(() => undefined, []);
  const { retry, isRetrying } = useRunRetry(onRunChange ?? noop);
  return (
    <ol className="timeline automation-timeline" aria-label="Runs, newest first">
      {runs.map((run) => (
        <li key={run.id} className="timeline__item automation-run">
          <div className="automation-run__head">
            <p className="timeline__summary">{run.action}</p>
            <RunOutcomeBadge outcome={run.outcome} />
          </div>
          <p className="automation-run__why">{run.reason}</p>
          {run.detail ? <p className="table__secondary">{run.detail}</p> : null}
          <RunError run={run} />
          <p className="timeline__meta">
            {automationTemplates[run.automation].name} · {triggerText(run.trigger)} ·{' '}
            <When at={run.startedAt} timeZone={timeZone} />
            {run.durationMs !== null ? ` · took ${formatDuration(run.durationMs)}` : null}
          </p>
          {audience === 'admin' && onRunChange && run.retryable ? (
            <div>
              <RetryButton run={run} busy={isRetrying(run.id)} onRetry={(r) => void retry(r)} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
};

interface AutomationRunsProps {
  /** One organization's runs, newest first, on its clock; without it, every organization's, failed first. */
  readonly organization?: { readonly id: string; readonly timeZone: string };
  readonly audience: Audience;
}

/** Automation runs with filters by automation and outcome, and "Retry" on failed runs for operator admins. */
export const AutomationRuns = ({ organization, audience }: AutomationRunsProps) => {
  const headingId = useId();
  const [automation, setAutomation] = useState<AutomationId | ''>('');
  const [outcome, setOutcome] = useState<RunOutcome | ''>('');
  const orgId = organization?.id;
  const timeZone = organization?.timeZone;

  const fetchPage = useCallback<FetchPage<RunView>>(
    (cursor, signal) => {
      const query = { automation: automation || undefined, outcome: outcome || undefined };
      return fillPage(
        (next) =>
          orgId
            ? call(automationRoutes.listRuns, {
                params: { orgId },
                query: { ...query, cursor: next },
                signal,
              })
            : call(automationRoutes.listAllRuns, { query: { ...query, cursor: next }, signal }),
        cursor,
      );
    },
    [orgId, automation, outcome],
  );
  const list = usePagedList(fetchPage);
  const { retry, isRetrying } = useRunRetry(list.replace);
  const filtered = Boolean(automation || outcome);
  const columns = orgId
    ? ['Run', 'Trigger', 'Outcome', 'Duration', 'Started']
    : ['Run', 'Organization', 'Trigger', 'Outcome', 'Duration', 'Started'];

  return (
    <section className="automations-section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId} className="section-header__title">
          Runs
        </h2>
        <p className="muted small">
          {orgId
            ? `Newest first. Times on the organization’s clock (${zoneName(timeZone!)}).`
            : 'Failed runs first, then the rest; each newest first.'}
        </p>
      </div>
      <div className="toolbar">
        <SelectField
          label="Automation"
          value={automation}
          onChange={(event) => setAutomation(event.target.value as AutomationId | '')}
        >
          <option value="">All automations</option>
          {automationIds.map((id) => (
            <option key={id} value={id}>
              {automationTemplates[id].name}
            </option>
          ))}
        </SelectField>
        <FilterSelect
          label="Outcome"
          allLabel="All outcomes"
          value={outcome}
          options={runOutcomes}
          labels={runOutcomeLabels}
          onChange={setOutcome}
        />
      </div>
      <PagedListCard
        list={list}
        heading="Run list"
        loadingLabel="Loading runs…"
        emptyTitle={filtered ? 'No runs match' : 'No runs yet'}
        emptyBody={
          filtered
            ? 'Try another automation or outcome.'
            : 'Each time an automation fires — a lead arrives, a step comes due, the digest goes out — it shows up here.'
        }
        noun={['run', 'runs']}
      >
        <ListTable columns={columns}>
          {list.items.map((run) => (
            <tr key={run.id}>
              <td data-label="Run">
                <p className="table__primary">{run.action}</p>
                <p className="table__secondary">{run.reason}</p>
                <RunLinks run={run} audience={audience} />
              </td>
              {orgId ? null : (
                <td data-label="Organization">
                  <Link to={automationsPath(adminScope(run.orgId))}>{run.organizationName}</Link>
                </td>
              )}
              <td data-label="Trigger">
                <div>
                  <p>{triggerText(run.trigger)}</p>
                  <p className="table__secondary">{automationTemplates[run.automation].name}</p>
                </div>
              </td>
              <td data-label="Outcome">
                <RunResult run={run} />
              </td>
              <td data-label="Duration">{formatDuration(run.durationMs)}</td>
              <td data-label="Started">
                <When at={run.startedAt} timeZone={timeZone} />
              </td>
              <td className="table__actions">
                {audience === 'admin' && run.retryable ? (
                  <RetryButton run={run} busy={isRetrying(run.id)} onRetry={(r) => void retry(r)} />
                ) : null}
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>
    </section>
  );
};
