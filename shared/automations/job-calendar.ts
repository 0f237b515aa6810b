import { jobEventIdFor } from '../booking';
import type { JobItem } from '../crm';
import { appLink } from '../email/links';
import { GoogleNotFoundError } from '../google/errors';
import { calendarEventsScope } from '../google/scopes';
import type { WorkspaceEvent } from '../google/workspace';
import type { OrganizationView } from '../organizations/contracts';
import { loadWorkspace, WorkspaceRevokedError, withWorkspace } from '../workspace';
import type { Outcome } from './engine';

/**
 * The Appointment Helper's Google Calendar event: each scheduled job in the primary calendar of the
 * organization's own Google Workspace, under an id made of the organization's and the job's, so a retry
 * or a move changes the one event instead of adding another. Google not answering throws (the run fails
 * and is retried); a revoked grant, a connection without calendar access, or an event someone deleted in
 * Google Calendar writes nothing and says so (no retry could change that).
 */

/** The event of a job: service and customer, the address as location, the job's time and duration. */
export const jobEvent = (org: OrganizationView, job: JobItem): WorkspaceEvent => {
  const contact = [job.customer.phone, job.customer.email].filter(Boolean).join(', ');
  return {
    id: jobEventIdFor(org.id, job.id),
    summary: `${job.title} – ${job.customer.name}`,
    location: job.address,
    description: [
      `${job.customer.name}${contact ? ` (${contact})` : ''}`,
      job.notes.trim(),
      `Open in Portico: ${appLink('job', { jobId: job.id })}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    start: job.scheduledAt,
    end: new Date(Date.parse(job.scheduledAt) + job.durationMinutes * 60_000).toISOString(),
    timeZone: org.timeZone,
  };
};

const notAdded = (why: string): Outcome => ({
  outcome: 'skipped',
  detail: `Not in Google Calendar: ${why}`,
  emailsSent: 0,
});

/**
 * Takes a cancelled job's event out of the organization's calendar. Without a connection, calendar
 * access or a grant there is nothing to take out; Google not answering throws, and the bus retries.
 */
export const removeJobEvent = async (orgId: string, jobId: string): Promise<void> => {
  const workspace = await loadWorkspace(orgId);
  if (!workspace?.connection.scopes.includes(calendarEventsScope)) return;
  try {
    await withWorkspace(workspace, (client) => client.removeEvent(jobEventIdFor(orgId, jobId)));
  } catch (error) {
    if (!(error instanceof WorkspaceRevokedError)) throw error;
  }
};

/** Puts the job's event into the organization's calendar (or moves it there), when it can. */
export const putJobEvent = async (org: OrganizationView, job: JobItem): Promise<Outcome> => {
  const workspace = await loadWorkspace(org.id);
  if (!workspace) return notAdded('needs a Google Workspace connection');
  const { account, scopes } = workspace.connection;
  if (!scopes.includes(calendarEventsScope))
    return notAdded(
      `${account} was connected without calendar access; reconnect Google Workspace to add jobs`,
    );
  try {
    const done = await withWorkspace(workspace, (client) => client.putEvent(jobEvent(org, job)));
    return {
      outcome: 'succeeded',
      detail: `${done === 'inserted' ? 'Added to' : 'Updated in'} the Google Calendar of ${account}`,
      emailsSent: 0,
    };
  } catch (error) {
    if (error instanceof WorkspaceRevokedError)
      return notAdded(`Google revoked the access to ${error.account}`);
    if (error instanceof GoogleNotFoundError)
      return notAdded('the event was deleted in Google Calendar, and Portico does not put it back');
    throw error;
  }
};
