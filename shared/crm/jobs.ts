import { ulid } from 'ulid';
import { outboxPut } from '../events/outbox';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { ActivityEntry } from '../organizations';
import { endOfLocalDay, hasOffset, localToUtc, startOfLocalDay, utcToLocal } from '../time/zones';
import {
  type Actor,
  activeOrganization,
  assertVersion,
  changedFields,
  label,
  loadOrganization,
  who,
} from './changes';
import type { CreateJobInput, JobView, ListJobsQuery, SetJobStatusInput, UpdateJobInput } from './contracts';
import { assertLeadMove, statusEntry } from './leads';
import type { JobItem, LeadItem } from './repository';
import * as crm from './repository';
import { canMoveJob, nextJobStatuses, searchTerm } from './rules';

// Jobs

/** The organization's wall-clock view of a stored job. */
export const toJobView = (job: JobItem, timeZone: string): JobView => ({
  ...job,
  scheduledAtLocal: utcToLocal(job.scheduledAt, timeZone),
  timeZone,
});

/** A schedule time in UTC: local times are read on the organization's clock. */
export const resolveScheduleTime = (value: string, timeZone: string): string => {
  if (hasOffset(value)) return new Date(value).toISOString();
  const instant = localToUtc(value, timeZone);
  if (!instant)
    throw new ValidationError([
      { path: 'scheduledAt', message: `${value} does not exist in ${timeZone}: the clock skips it` },
    ]);
  return instant;
};

const whenText = (job: JobItem, timeZone: string) =>
  `${utcToLocal(job.scheduledAt, timeZone).replace('T', ' ')} (${timeZone})`;

export const createJob = async (actor: Actor, orgId: string, input: CreateJobInput) => {
  const found = await crm.getWithOrganization(orgId, { leadId: input.fromLead?.leadId });
  const org = activeOrganization(found.org);
  let lead: LeadItem | undefined;
  let markWon = false;
  if (input.fromLead) {
    lead = found.lead;
    if (!lead) throw new NotFoundError('No such lead');
    assertVersion(lead, input.fromLead.version);
    markWon = input.fromLead.markWon && lead.status !== 'won';
    if (markWon) assertLeadMove(lead.status, 'won');
  }
  const now = new Date().toISOString();
  const customer = input.customer ?? { name: lead!.name, email: lead!.email, phone: lead!.phone };
  const job: JobItem = {
    id: ulid(),
    orgId,
    title: input.title ?? (lead!.serviceWanted || `Job for ${lead!.name}`),
    customer,
    address: input.address,
    scheduledAt: resolveScheduleTime(input.scheduledAt, org.timeZone),
    durationMinutes: input.durationMinutes,
    status: 'scheduled',
    price: input.price,
    notes: input.notes,
    leadId: lead?.id ?? null,
    version: 1,
    createdAt: now,
    createdBy: who(actor),
    updatedAt: now,
    startedAt: null,
    completedAt: null,
    cancelledAt: null,
  };
  const entries: ActivityEntry[] = [
    {
      actor: actor.name,
      kind: 'job.created',
      summary: `${who(actor)} scheduled ${job.title} for ${customer.name} on ${whenText(job, org.timeZone)}`,
      jobId: job.id,
      ...(lead ? { leadId: lead.id } : {}),
    },
  ];
  let leadChange: { previous: LeadItem; next: LeadItem } | undefined;
  if (lead) {
    leadChange = {
      previous: lead,
      next: {
        ...lead,
        jobIds: [...lead.jobIds, job.id],
        ...(markWon ? { status: 'won' as const, statusChangedAt: now } : {}),
        updatedAt: now,
        version: lead.version + 1,
      },
    };
    if (markWon) entries.push(statusEntry(actor, lead, 'won'));
  }
  await crm.createJob(job, leadChange, entries, [
    outboxPut('job.scheduled', {
      version: 1,
      orgId,
      jobId: job.id,
      leadId: job.leadId,
      scheduledAt: job.scheduledAt,
      previousScheduledAt: null,
      durationMinutes: job.durationMinutes,
      timeZone: org.timeZone,
      userId: actor.userId,
    }),
    ...(leadChange
      ? [
          outboxPut('lead.updated', {
            version: 1,
            orgId,
            leadId: leadChange.next.id,
            leadVersion: leadChange.next.version,
            status: leadChange.next.status,
            previousStatus: leadChange.previous.status,
            fields: markWon ? ['status', 'jobIds'] : ['jobIds'],
            userId: actor.userId,
          }),
        ]
      : []),
  ]);
  return toJobView(job, org.timeZone);
};

const loadJobWithOrganization = async (orgId: string, jobId: string) => {
  const found = await crm.getWithOrganization(orgId, { jobId });
  if (!found.org || !found.job) throw new NotFoundError();
  return { org: found.org, job: found.job };
};

export const getJob = async (orgId: string, jobId: string) => {
  const { org, job } = await loadJobWithOrganization(orgId, jobId);
  return toJobView(job, org.timeZone);
};

export const updateJob = async (actor: Actor, orgId: string, jobId: string, input: UpdateJobInput) => {
  const { org, job: current } = await loadJobWithOrganization(orgId, jobId);
  const { version, scheduledAt, ...rest } = input;
  assertVersion(current, version);
  const changes: Partial<JobItem> = {
    ...rest,
    ...(scheduledAt ? { scheduledAt: resolveScheduleTime(scheduledAt, org.timeZone) } : {}),
  };
  const fields = changedFields(current, changes);
  if (fields.length === 0) return toJobView(current, org.timeZone);
  const rescheduled = fields.includes('scheduledAt') || fields.includes('durationMinutes');
  if (rescheduled && current.status !== 'scheduled')
    throw new ConflictError(`A ${label(current.status)} job cannot be rescheduled`);
  const now = new Date().toISOString();
  const next: JobItem = { ...current, ...changes, version: current.version + 1, updatedAt: now };
  await crm.saveJob(
    current,
    next,
    [
      {
        actor: actor.name,
        kind: rescheduled ? 'job.rescheduled' : 'job.updated',
        summary: rescheduled
          ? `${who(actor)} rescheduled ${next.title} for ${next.customer.name} to ${whenText(next, org.timeZone)}`
          : `${who(actor)} changed ${fields.join(', ')} of ${next.title}`,
        jobId,
      },
    ],
    rescheduled
      ? [
          outboxPut('job.scheduled', {
            version: 1,
            orgId,
            jobId,
            leadId: next.leadId,
            scheduledAt: next.scheduledAt,
            previousScheduledAt: current.scheduledAt,
            durationMinutes: next.durationMinutes,
            timeZone: org.timeZone,
            userId: actor.userId,
          }),
        ]
      : [],
  );
  return toJobView(next, org.timeZone);
};

/** Refuses a move the job lifecycle does not allow, naming the moves that are. */
export const assertJobMove = (from: JobItem['status'], to: JobItem['status']) => {
  if (from === to) throw new ConflictError(`The job is ${label(from)} already`);
  if (!canMoveJob(from, to)) {
    const allowed = nextJobStatuses(from);
    throw new ConflictError(
      allowed.length
        ? `A ${label(from)} job can move to ${allowed.map(label).join(', ')}, not ${label(to)}`
        : `A ${label(from)} job stays ${label(from)}`,
    );
  }
};

export const setJobStatus = async (actor: Actor, orgId: string, jobId: string, input: SetJobStatusInput) => {
  const { org, job: current } = await loadJobWithOrganization(orgId, jobId);
  assertVersion(current, input.version);
  assertJobMove(current.status, input.status);
  const now = new Date().toISOString();
  const next: JobItem = {
    ...current,
    status: input.status,
    ...(input.status === 'in_progress' ? { startedAt: now } : {}),
    ...(input.status === 'completed' ? { completedAt: now } : {}),
    ...(input.status === 'cancelled' ? { cancelledAt: now } : {}),
    version: current.version + 1,
    updatedAt: now,
  };
  const verb = {
    scheduled: 'rescheduled',
    in_progress: 'started',
    completed: 'completed',
    cancelled: 'cancelled',
  }[input.status];
  const event =
    input.status === 'cancelled'
      ? outboxPut('job.cancelled', {
          version: 1,
          orgId,
          jobId,
          leadId: next.leadId,
          cancelledAt: now,
          userId: actor.userId,
        })
      : input.status === 'completed'
        ? outboxPut('job.completed', {
            version: 1,
            orgId,
            jobId,
            leadId: next.leadId,
            completedAt: now,
            userId: actor.userId,
          })
        : undefined;
  await crm.saveJob(
    current,
    next,
    [
      {
        actor: actor.name,
        kind: 'job.status',
        summary: `${who(actor)} ${verb} ${next.title} for ${next.customer.name}${input.reason ? `: ${input.reason}` : ''}`,
        jobId,
      },
    ],
    event ? [event] : [],
  );
  return toJobView(next, org.timeZone);
};

export const listJobs = async (orgId: string, query: ListJobsQuery) => {
  const org = await loadOrganization(orgId);
  const page = await crm.listJobs({
    orgId,
    status: query.status,
    search: query.q ? searchTerm(query.q) : undefined,
    fromAt: query.from ? startOfLocalDay(query.from, org.timeZone) : undefined,
    toAt: query.to ? endOfLocalDay(query.to, org.timeZone) : undefined,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map((job) => toJobView(job, org.timeZone)), nextCursor: page.nextCursor };
};
