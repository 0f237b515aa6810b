import { encodeTime, ulid } from 'ulid';
import { outboxPut } from '../events/outbox';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { ActivityEntry } from '../organizations';
import { endOfLocalDay, startOfLocalDay } from '../time/zones';
import { type Actor, assertVersion, changedFields, label, loadOrganization, who } from './changes';
import type {
  CreateLeadInput,
  LeadSource,
  ListLeadsQuery,
  SetLeadStatusInput,
  UpdateLeadInput,
} from './contracts';
import type { LeadItem } from './repository';
import * as crm from './repository';
import { canMoveLead, nextLeadStatuses, searchTerm } from './rules';

const timelinePageSize = 20;

const loadLead = async (orgId: string, leadId: string) => {
  const lead = await crm.getLead(orgId, leadId);
  if (!lead) throw new NotFoundError();
  return lead;
};

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

export const statusEntry = (actor: Actor, lead: LeadItem, to: string, reason?: string): ActivityEntry => ({
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
