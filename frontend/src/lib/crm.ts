import type { JobStatus, LeadSource, LeadStatus } from '../../../shared/crm/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { Page } from '../../../shared/http/contracts';

/**
 * Leads and jobs as the pages show them: labels, badge tones and the status moves offered as buttons.
 * The moves repeat the pipeline documented on `leadStatus` and `jobStatus` in the shared contract; a unit
 * test holds them to the API's own rules, so a button is never offered that the API would refuse.
 */

export type BadgeTone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

export const leadStatusLabels: Record<LeadStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  won: 'Won',
  lost: 'Lost',
};

export const leadStatusTones: Record<LeadStatus, BadgeTone> = {
  new: 'info',
  contacted: 'warning',
  qualified: 'warning',
  won: 'success',
  lost: 'neutral',
};

export const jobStatusLabels: Record<JobStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const jobStatusTones: Record<JobStatus, BadgeTone> = {
  scheduled: 'info',
  in_progress: 'warning',
  completed: 'success',
  cancelled: 'neutral',
};

export const leadSourceLabels: Record<LeadSource, string> = {
  form: 'Website form',
  embed: 'Embedded form',
  manual: 'Added by hand',
  import: 'Imported',
};

/** One button of a status pipeline. */
export interface StatusMove<S extends string> {
  readonly to: S;
  /** What the button says: "Mark contacted", "Complete job". */
  readonly label: string;
  /** Asks for an optional reason first (kept on the timeline), for moves that end something. */
  readonly asksReason: boolean;
  readonly tone: 'primary' | 'secondary' | 'danger';
}

const leadMove = (to: LeadStatus, label: string, extra: Partial<StatusMove<LeadStatus>> = {}) => ({
  to,
  label,
  asksReason: false,
  tone: 'secondary' as const,
  ...extra,
});

const leadMoveTable: Record<LeadStatus, readonly StatusMove<LeadStatus>[]> = {
  new: [
    leadMove('contacted', 'Mark contacted', { tone: 'primary' }),
    leadMove('qualified', 'Mark qualified'),
    leadMove('won', 'Mark won'),
    leadMove('lost', 'Mark lost', { asksReason: true, tone: 'danger' }),
  ],
  contacted: [
    leadMove('qualified', 'Mark qualified', { tone: 'primary' }),
    leadMove('won', 'Mark won'),
    leadMove('lost', 'Mark lost', { asksReason: true, tone: 'danger' }),
  ],
  qualified: [
    leadMove('won', 'Mark won', { tone: 'primary' }),
    leadMove('lost', 'Mark lost', { asksReason: true, tone: 'danger' }),
  ],
  won: [],
  lost: [leadMove('new', 'Reopen lead')],
};

const jobMoveTable: Record<JobStatus, readonly StatusMove<JobStatus>[]> = {
  scheduled: [
    { to: 'in_progress', label: 'Start job', asksReason: false, tone: 'primary' },
    { to: 'completed', label: 'Complete job', asksReason: false, tone: 'secondary' },
    { to: 'cancelled', label: 'Cancel job', asksReason: true, tone: 'danger' },
  ],
  in_progress: [
    { to: 'completed', label: 'Complete job', asksReason: false, tone: 'primary' },
    { to: 'cancelled', label: 'Cancel job', asksReason: true, tone: 'danger' },
  ],
  completed: [],
  cancelled: [],
};

/** The moves a lead in this status may make, most likely first. */
export const leadMoves = (from: LeadStatus): readonly StatusMove<LeadStatus>[] => leadMoveTable[from];

/** The moves a job in this status may make, most likely first. */
export const jobMoves = (from: JobStatus): readonly StatusMove<JobStatus>[] => jobMoveTable[from];

/** Why a lead in this status has no buttons, or null when it has some. */
export const leadFinalNote = (status: LeadStatus): string | null =>
  status === 'won' ? 'A won lead stays won. A returning customer is a new lead.' : null;

/** Why a job in this status has no buttons, or null when it has some. */
export const jobFinalNote = (status: JobStatus): string | null =>
  status === 'completed'
    ? 'This job is completed.'
    : status === 'cancelled'
      ? 'This job is cancelled.'
      : null;

/** Whether creating a job may also move the lead to won in the same write. */
export const canMarkWonWithJob = (status: LeadStatus): boolean =>
  leadMoveTable[status].some((move) => move.to === 'won');

/** The message for a date range whose end comes before its start, or undefined when it is fine. */
export const dateRangeError = (from: string, to: string): string | undefined =>
  from && to && from > to ? 'Must not be before the start date' : undefined;

/**
 * Asks for pages until one has items or the list ends. With a filter or a search the API reads a fixed
 * number of items and keeps the matches, so a page may come back empty and still have a cursor; showing
 * it as "nothing found" would be wrong.
 */
export const fillPage = async <T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  cursor: string | undefined,
  maxRounds = 5,
): Promise<Page<T>> => {
  let page = await fetchPage(cursor);
  for (let round = 1; round < maxRounds && page.items.length === 0 && page.nextCursor; round++)
    page = await fetchPage(page.nextCursor);
  return page;
};

/**
 * Whose leads and jobs a page shows and where its links go: a client user's own organization at
 * `/leads`, or any organization for an operator admin under `/admin/organizations/<id>`.
 */
export interface CrmScope {
  readonly orgId: string;
  readonly audience: 'client' | 'admin';
}

export const clientScope = (orgId: string): CrmScope => ({ orgId, audience: 'client' });

export const adminScope = (orgId: string): CrmScope => ({ orgId, audience: 'admin' });

const own = (scope: CrmScope) => scope.audience === 'client';

export const leadsPath = (scope: CrmScope): string =>
  own(scope) ? dashboardUrl('leads') : dashboardUrl('organizationLeads', { orgId: scope.orgId });
export const leadPath = (scope: CrmScope, leadId: string): string =>
  own(scope)
    ? dashboardUrl('lead', { leadId })
    : dashboardUrl('organizationLead', { orgId: scope.orgId, leadId });
export const jobsPath = (scope: CrmScope): string =>
  own(scope) ? dashboardUrl('jobs') : dashboardUrl('organizationJobs', { orgId: scope.orgId });
export const jobPath = (scope: CrmScope, jobId: string): string =>
  own(scope)
    ? dashboardUrl('job', { jobId })
    : dashboardUrl('organizationJob', { orgId: scope.orgId, jobId });
export const automationsPath = (scope: CrmScope): string =>
  own(scope) ? dashboardUrl('automations') : dashboardUrl('organizationAutomations', { orgId: scope.orgId });
