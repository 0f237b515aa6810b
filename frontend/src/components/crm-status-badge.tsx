import type { JobStatus, LeadStatus } from '../../../shared/crm/contracts';
import { jobStatusLabels, jobStatusTones, leadStatusLabels, leadStatusTones } from '../lib/crm';

/** A lead's status as a badge; the word is always there, colour only adds to it. */
export const LeadStatusBadge = ({ status }: { readonly status: LeadStatus }) => (
  <span className={`badge badge--${leadStatusTones[status]}`}>{leadStatusLabels[status]}</span>
);

/** A job's status as a badge. */
export const JobStatusBadge = ({ status }: { readonly status: JobStatus }) => (
  <span className={`badge badge--${jobStatusTones[status]}`}>{jobStatusLabels[status]}</span>
);
