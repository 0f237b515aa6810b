import { encodeTime, ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../http/errors';
import type { ActivityEntry } from '../organizations';
import { getOrganization } from '../organizations';
import type { OrganizationView } from '../organizations/contracts';
import { endOfLocalDay, hasOffset, localToUtc, startOfLocalDay, utcToLocal } from '../time/zones';
import {
  type CreateJobInput,
  type CreateLeadInput,
  type ExportLeadsQuery,
  exportRowsPerPart,
  type JobView,
  type LeadAttribution,
  type LeadSource,
  type ListJobsQuery,
  type ListLeadsQuery,
  type SetJobStatusInput,
  type SetLeadStatusInput,
  type UpdateJobInput,
  type UpdateLeadInput,
} from './contracts';
import { csvRow } from './csv';
import type { GuardedWrite, JobItem, LeadItem } from './repository';
import * as crm from './repository';
import { canMoveJob, canMoveLead, isOpenLead, nextJobStatuses, nextLeadStatuses, searchTerm } from './rules';

/** Who made a change: a signed-in user, or nobody (a visitor's lead-form submission). */
export interface Actor {
  readonly userId: string | null;
  readonly name: string | null;
}

export const actorOf = (principal: Principal): Actor => ({ userId: principal.userId, name: principal.name });

const who = (actor: Actor) => actor.name ?? 'A visitor';

const timelinePageSize = 20;

const label = (status: string) => status.replace('_', ' ');

const loadLead = async (orgId: string, leadId: string) => {
  const lead = await crm.getLead(orgId, leadId);
  if (!lead) throw new NotFoundError();
  return lead;
};

const activeOrganization = (org: OrganizationView | undefined) => {
  if (!org) throw new NotFoundError();
  if (org.status !== 'active') throw new BadRequestError('This organization is archived');
  return org;
};

const loadOrganization = async (orgId: string) => {
  const org = await getOrganization(orgId);
  if (!org) throw new NotFoundError();
  return org;
};

const assertVersion = (current: { version: number }, version: number) => {
  if (current.version !== version) throw new VersionConflictError(current.version);
};

/** The fields whose values differ between two states (compared as JSON). */
const changedFields = <T extends object>(current: T, changes: Partial<T>): string[] =>
  Object.keys(changes).filter(
    (field) => JSON.stringify(changes[field as keyof T]) !== JSON.stringify(current[field as keyof T]),
  );

const contactMissing = () =>
  new ValidationError([{ path: 'email', message: 'Give an email address or a phone number' }]);

// Leads

export interface NewLead extends Omit<CreateLeadInput, 'source'> {
  readonly source: LeadSource;
}

/**
 * Stores a new lead. `at` backdates it (imports, demo data); its id is minted at that time, which is
 * what the creation-date filters read.
 */
export const createLead = async (actor: Actor, orgId: string, input: NewLead, at = new Date()) => {
  const now = at.toISOString();
  const lead: LeadItem = {
    id: ulid(at.getTime()),
    orgId,
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    message: input.message,
    serviceWanted: input.serviceWanted,
    source: input.source,
    status: 'new',
    notes: input.notes,
    jobIds: [],
    version: 1,
    createdAt: now,
    createdBy: actor.name,
    updatedAt: now,
    statusChangedAt: now,
  };
  if (!lead.email && !lead.phone) throw contactMissing();
  await crm.createLead(
    lead,
    {
      actor: actor.name,
      kind: 'lead.created',
      summary: `${who(actor)} added the lead ${lead.name} (${lead.source})`,
      leadId: lead.id,
    },
    [],
    [
      outboxPut('lead.created', {
        version: 1,
        orgId,
        leadId: lead.id,
        source: lead.source,
        userId: actor.userId,
      }),
    ],
  );
  return lead;
};

/** A visitor's submission of the public lead form (hosted page or embed), checked by its contract. */
export interface FormSubmission {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly message: string;
  readonly serviceWanted: string;
  readonly source: 'form' | 'embed';
  readonly attribution: LeadAttribution;
}

export interface CaptureOptions {
  /** The lead holding the submission's email or phone, as the caller read it (with its other items). */
  readonly existing?: LeadItem;
  /**
   * Writes that commit with the lead whichever way it goes (the lead form's idempotency record). The caller
   * has read the organization as active in this request: a new lead's transaction does not check it again.
   */
  readonly alongside?: readonly GuardedWrite[];
  readonly at?: Date;
}

export interface CaptureResult {
  readonly outcome: 'created' | 'updated';
  readonly lead: LeadItem;
}

const quoted = (message: string) => {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  if (!oneLine) return '';
  return `: “${oneLine.length > 280 ? `${oneLine.slice(0, 279)}…` : oneLine}”`;
};

const newFormLead = (orgId: string, submission: FormSubmission, at: Date): LeadItem => {
  const now = at.toISOString();
  return {
    id: ulid(at.getTime()),
    orgId,
    name: submission.name,
    email: submission.email,
    phone: submission.phone,
    message: submission.message,
    serviceWanted: submission.serviceWanted,
    source: submission.source,
    status: 'new',
    notes: '',
    jobIds: [],
    version: 1,
    createdAt: now,
    createdBy: null,
    updatedAt: now,
    statusChangedAt: now,
    attribution: submission.attribution,
  };
};

/**
 * The open lead after the same person sent the form again: the newest message and service wanted, and an
 * email or phone number it lacked (unless `fillContact` is off because another lead holds that one). Name,
 * notes, status and the first visit's attribution stay.
 */
const resubmitted = (current: LeadItem, submission: FormSubmission, at: Date, fillContact: boolean) => {
  const next: LeadItem = {
    ...current,
    message: submission.message || current.message,
    serviceWanted: submission.serviceWanted || current.serviceWanted,
    email: current.email ?? (fillContact ? submission.email : null),
    phone: current.phone ?? (fillContact ? submission.phone : null),
    version: current.version + 1,
    updatedAt: at.toISOString(),
  };
  const fields = (['message', 'serviceWanted', 'email', 'phone'] as const).filter(
    (field) => next[field] !== current[field],
  );
  return { next, fields };
};

const openLead = async (orgId: string, leadId: string) => {
  const lead = await crm.getLead(orgId, leadId);
  return lead && isOpenLead(lead.status) ? lead : undefined;
};

/**
 * Stores a visitor's lead from the public form. When an open lead already holds the email or phone number,
 * the submission goes onto that lead instead of a duplicate: its timeline says the person submitted the form
 * again, with the new message. A lost race (the same person's other submission a moment earlier, an edit
 * in between) is retried from a fresh read; a failure of `alongside`'s own conditions is thrown as is.
 */
export const captureFormLead = async (
  orgId: string,
  submission: FormSubmission,
  options: CaptureOptions = {},
): Promise<CaptureResult> => {
  const at = options.at ?? new Date();
  const alongside = options.alongside ?? [];
  let existing = options.existing && isOpenLead(options.existing.status) ? options.existing : undefined;
  let fillContact = true;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      if (!existing) {
        const lead = newFormLead(orgId, submission, at);
        await crm.createLead(
          lead,
          {
            actor: null,
            kind: 'lead.created',
            summary: `${lead.name} sent the ${lead.source === 'embed' ? 'embedded ' : ''}lead form${quoted(lead.message)}`,
            leadId: lead.id,
          },
          alongside,
          [
            outboxPut('lead.created', {
              version: 1,
              orgId,
              leadId: lead.id,
              source: lead.source,
              userId: null,
            }),
          ],
          { organizationRead: true },
        );
        return { outcome: 'created', lead };
      }
      const current: LeadItem = existing;
      const { next, fields } = resubmitted(current, submission, at, fillContact);
      await crm.saveLead(
        current,
        next,
        [
          {
            actor: null,
            kind: 'lead.resubmitted',
            summary: `${submission.name} submitted the form again${quoted(submission.message)}`,
            leadId: current.id,
          },
        ],
        alongside,
        [
          outboxPut('lead.updated', {
            version: 1,
            orgId,
            leadId: current.id,
            leadVersion: next.version,
            status: next.status,
            previousStatus: current.status,
            fields,
            userId: null,
          }),
        ],
      );
      return { outcome: 'updated', lead: next };
    } catch (error) {
      if (error instanceof VersionConflictError && existing) {
        // Edited, won or lost in between: add to its new state, or start a new lead if it closed.
        existing = await openLead(orgId, existing.id);
        continue;
      }
      if (error instanceof ConflictError && existing && fillContact) {
        // The email or phone it lacked belongs to another open lead: keep the lead's own contact details.
        fillContact = false;
        continue;
      }
      if (error instanceof ConflictError && !existing) {
        // Another submission with this email or phone was stored a moment ago: add to that lead.
        const { duplicateOf } = error.extensions;
        existing = typeof duplicateOf === 'string' ? await openLead(orgId, duplicateOf) : undefined;
        continue;
      }
      throw error;
    }
  }
  throw new ConflictError('The lead kept changing while the form was saved. Please send it again.');
};

/** The lead with the first page of its timeline: two reads, side by side. */
export const getLead = async (orgId: string, leadId: string) => {
  const [lead, timeline] = await Promise.all([
    crm.getLead(orgId, leadId),
    crm.listLeadTimeline(orgId, leadId, timelinePageSize),
  ]);
  if (!lead) throw new NotFoundError();
  return { ...lead, timeline };
};

/** A lead that does not exist (here: another organization's, too) has no timeline to show: 404. */
export const listLeadTimeline = async (orgId: string, leadId: string, limit: number, cursor?: string) => {
  const [lead, timeline] = await Promise.all([
    crm.getLead(orgId, leadId),
    crm.listLeadTimeline(orgId, leadId, limit, cursor),
  ]);
  if (!lead) throw new NotFoundError();
  return timeline;
};

export const updateLead = async (actor: Actor, orgId: string, leadId: string, input: UpdateLeadInput) => {
  const current = await loadLead(orgId, leadId);
  const { version, ...changes } = input;
  assertVersion(current, version);
  const fields = changedFields(current, changes);
  if (fields.length === 0) return current;
  const now = new Date().toISOString();
  const next: LeadItem = { ...current, ...changes, version: current.version + 1, updatedAt: now };
  if (!next.email && !next.phone) throw contactMissing();
  await crm.saveLead(
    current,
    next,
    [
      {
        actor: actor.name,
        kind: 'lead.updated',
        summary: `${who(actor)} changed ${fields.join(', ')} of ${next.name}`,
        leadId,
      },
    ],
    [],
    [
      outboxPut('lead.updated', {
        version: 1,
        orgId,
        leadId,
        leadVersion: next.version,
        status: next.status,
        previousStatus: current.status,
        fields,
        userId: actor.userId,
      }),
    ],
  );
  return next;
};

/** Refuses a move the pipeline does not allow, naming the moves that are. */
export const assertLeadMove = (from: LeadItem['status'], to: LeadItem['status']) => {
  if (from === to) throw new ConflictError(`The lead is ${label(from)} already`);
  if (!canMoveLead(from, to)) {
    const allowed = nextLeadStatuses(from);
    throw new ConflictError(
      allowed.length
        ? `A ${label(from)} lead can move to ${allowed.join(', ')}, not ${to}`
        : `A ${label(from)} lead stays ${label(from)}`,
    );
  }
};

const statusEntry = (actor: Actor, lead: LeadItem, to: string, reason?: string): ActivityEntry => ({
  actor: actor.name,
  kind: 'lead.status',
  summary: `${who(actor)} moved ${lead.name} from ${label(lead.status)} to ${label(to)}${reason ? `: ${reason}` : ''}`,
  leadId: lead.id,
});

export const setLeadStatus = async (
  actor: Actor,
  orgId: string,
  leadId: string,
  input: SetLeadStatusInput,
) => {
  const current = await loadLead(orgId, leadId);
  assertVersion(current, input.version);
  assertLeadMove(current.status, input.status);
  const now = new Date().toISOString();
  const next: LeadItem = {
    ...current,
    status: input.status,
    statusChangedAt: now,
    updatedAt: now,
    version: current.version + 1,
  };
  await crm.saveLead(
    current,
    next,
    [statusEntry(actor, current, input.status, input.reason)],
    [],
    [
      outboxPut('lead.updated', {
        version: 1,
        orgId,
        leadId,
        leadVersion: next.version,
        status: next.status,
        previousStatus: current.status,
        fields: ['status'],
        userId: actor.userId,
      }),
    ],
  );
  return next;
};

const lowestId = '0'.repeat(26);
const highestId = `7${'Z'.repeat(25)}`;

/**
 * ULID bounds of the leads created between two local dates (both inclusive) of the organization: a lead's
 * id is minted at its creation time, so the range is a key condition, not a filter.
 */
export const leadIdBounds = (timeZone: string, from?: string, to?: string) => ({
  fromId: from ? encodeTime(Date.parse(startOfLocalDay(from, timeZone)), 10) + '0'.repeat(16) : lowestId,
  toId: to ? encodeTime(Date.parse(endOfLocalDay(to, timeZone)) - 1, 10) + 'Z'.repeat(16) : highestId,
});

export const listLeads = async (orgId: string, query: ListLeadsQuery) => {
  // The organization's time zone is read only when a date range needs it.
  const timeZone = query.from || query.to ? (await loadOrganization(orgId)).timeZone : 'UTC';
  return crm.listLeads({
    orgId,
    status: query.status,
    source: query.source,
    search: query.q ? searchTerm(query.q) : undefined,
    ...leadIdBounds(timeZone, query.from, query.to),
    limit: query.limit,
    cursor: query.cursor,
  });
};

const exportColumns = (timeZone: string) => [
  `Created (${timeZone})`,
  'Name',
  'Email',
  'Phone',
  'Source',
  'Status',
  'Service wanted',
  'Message',
  'Notes',
  'Jobs',
  'Lead id',
];

/**
 * One part of the CSV export: at most `exportRowsPerPart` leads from one page read (with the caller's
 * authentication and the organization, three round trips). A filtered part may hold fewer rows and still
 * have a cursor. The first part starts with the header row; later parts (asked for with the previous
 * part's cursor) do not, so the parts concatenate into one file.
 */
export const exportLeads = async (orgId: string, query: ExportLeadsQuery) => {
  const org = await loadOrganization(orgId);
  const page = await crm.listLeads({
    orgId,
    status: query.status,
    source: query.source,
    search: query.q ? searchTerm(query.q) : undefined,
    ...leadIdBounds(org.timeZone, query.from, query.to),
    limit: exportRowsPerPart,
    cursor: query.cursor,
  });
  const header = query.cursor ? '' : csvRow(exportColumns(org.timeZone));
  const rows = page.items.map((lead) =>
    csvRow([
      utcToLocal(lead.createdAt, org.timeZone).replace('T', ' '),
      lead.name,
      lead.email,
      lead.phone,
      lead.source,
      lead.status,
      lead.serviceWanted,
      lead.message,
      lead.notes,
      lead.jobIds.length,
      lead.id,
    ]),
  );
  return {
    csv: header + rows.join(''),
    fileName: `leads-${org.slug}-${new Date().toISOString().slice(0, 10)}.csv`,
    nextCursor: page.nextCursor,
  };
};

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
