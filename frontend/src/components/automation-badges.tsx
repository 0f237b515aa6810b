import type { RunOutcome, StepStatus } from '../../../shared/automations/contracts';
import { runOutcomeLabels, runOutcomeTones, stepStatusLabels, stepStatusTones } from '../lib/automations';

/** A run's outcome as a badge; the word is always there, colour only adds to it. */
export const RunOutcomeBadge = ({ outcome }: { readonly outcome: RunOutcome }) => (
  <span className={`badge badge--${runOutcomeTones[outcome]}`}>{runOutcomeLabels[outcome]}</span>
);

/** A queued step's status as a badge. */
export const StepStatusBadge = ({ status }: { readonly status: StepStatus }) => (
  <span className={`badge badge--${stepStatusTones[status]}`}>{stepStatusLabels[status]}</span>
);

/** Whether a template is on. */
export const EnabledBadge = ({ enabled }: { readonly enabled: boolean }) => (
  <span className={`badge badge--${enabled ? 'success' : 'neutral'}`}>{enabled ? 'On' : 'Off'}</span>
);
