import type { EngagementSummaryView } from '../../../shared/engagements/contracts';
import { phaseLabel } from '../lib/checklist';
import { formatDateTime, formatRelative } from '../lib/format';
import { ChecklistProgress } from './progress-bar';

interface EngagementSummaryProps {
  readonly engagement: EngagementSummaryView;
  /** Shows the "Stalled" badge, which only the agency acts on. @default false */
  readonly showStalled?: boolean;
}

/** Project name, overall progress, the phase the work is in and the last change. */
export const EngagementSummary = ({ engagement, showStalled = false }: EngagementSummaryProps) => (
  <div className="engagement-summary">
    <div className="engagement-summary__title-row">
      <p className="engagement-summary__project">{engagement.projectName}</p>
      {showStalled && engagement.stalled ? <span className="badge badge--warning">Stalled</span> : null}
      {engagement.totals.total > 0 && engagement.totals.percentComplete === 100 ? (
        <span className="badge badge--success">Complete</span>
      ) : null}
    </div>
    <ChecklistProgress label="Overall progress" counts={engagement.totals} />
    <dl className="facts facts--inline">
      <div>
        <dt>Current phase</dt>
        <dd>{engagement.currentPhase ? phaseLabel(engagement.currentPhase) : 'None'}</dd>
      </div>
      <div>
        <dt>Last update</dt>
        <dd>
          <time dateTime={engagement.updatedAt} title={formatDateTime(engagement.updatedAt)}>
            {formatRelative(engagement.updatedAt)}
          </time>{' '}
          by {engagement.updatedBy}
        </dd>
      </div>
    </dl>
  </div>
);
