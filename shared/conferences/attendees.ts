import type { Principal } from '../auth/policy';
import { csvRow } from '../crm';
import { type OutboxWrite, outboxPut } from '../events/outbox';
import { NotFoundError } from '../http/errors';
import { utcToLocal } from '../time/zones';
import {
  type AttendeeFilter,
  type ListAttendeesQuery,
  type MassChange,
  type MassUpdateInput,
  type MassUpdateSummary,
  massUpdateBatch,
  type NetworkingAccess,
  type UpdateAttendeeInput,
} from './attendee-contracts';
import type { AttendeeItem, TransactItem } from './attendee-repository';
import * as attendees from './attendee-repository';
import type { ConferenceRole } from './contracts';
import { createInvitations, type Inviter, revocationWrites, toAttendeeView } from './invitations';
import { loadConference } from './service';

export const listRegistrations = async (orgId: string, conferenceId: string, query: ListAttendeesQuery) => {
  await loadConference(orgId, conferenceId);
  const { cursor, limit, ...filter } = query;
  const page = await attendees.listAttendees(orgId, conferenceId, filter, limit, cursor);
  return { items: page.items.map(toAttendeeView), nextCursor: page.nextCursor };
};

/** The roster writes an attendee's change needs: an accepted attendee's role carries role, group and access. */
const rosterWrites = (before: AttendeeItem, after: AttendeeItem): TransactItem[] => {
  if (after.status === 'revoked' && before.status !== 'revoked') return revocationWrites(before);
  if (after.status !== 'accepted' || !after.userId) return [];
  const rosterFields = ['name', 'role', 'group', 'networking'] as const;
  return rosterFields.some((field) => before[field] !== after[field])
    ? [attendees.rolePutFor(after, after.registeredAt ?? after.updatedAt)]
    : [];
};

const changed = (before: AttendeeItem, after: AttendeeItem) =>
  (['name', 'role', 'group', 'networking', 'status'] as const).some(
    (field) => before[field] !== after[field],
  );

const withChange = (
  attendee: AttendeeItem,
  change: {
    name?: string;
    role?: ConferenceRole;
    group?: string | null;
    networking?: NetworkingAccess;
    status?: 'revoked';
  },
  now: string,
): AttendeeItem => {
  const next: AttendeeItem = {
    ...attendee,
    ...(change.name === undefined ? {} : { name: change.name }),
    ...(change.role === undefined ? {} : { role: change.role }),
    ...(change.group === undefined ? {} : { group: change.group }),
    ...(change.networking === undefined ? {} : { networking: change.networking }),
    ...(change.status === undefined ? {} : { status: change.status }),
  };
  if (!changed(attendee, next)) return attendee;
  return {
    ...next,
    ...(next.status === 'revoked' ? { tokenHash: null } : {}),
    version: attendee.version + 1,
    updatedAt: now,
  };
};

/** One attendee's name, role, group or networking access; the roster follows for an accepted one. */
export const updateRegistration = async (
  orgId: string,
  conferenceId: string,
  attendeeId: string,
  input: UpdateAttendeeInput,
) => {
  const { version, ...change } = input;
  const current = await attendees.getAttendee(orgId, conferenceId, attendeeId);
  if (!current) throw new NotFoundError();
  const next = withChange({ ...current, version }, change, new Date().toISOString());
  if (next.version === version) return toAttendeeView(current);
  await attendees.writeAttendee(next, version, rosterWrites(current, next));
  return toAttendeeView(next);
};

/** Attendees per transaction: each takes up to three writes and an event, a transaction holds 100. */
const perTransaction = 25;

/** The events announcing one attendee's change, written in the change's own transaction. */
type Announcements = (before: AttendeeItem, after: AttendeeItem) => OutboxWrite[];

const changeWrites = (before: AttendeeItem, after: AttendeeItem, announce: Announcements) => [
  attendees.attendeePut(after, before.version),
  ...rosterWrites(before, after),
  ...announce(before, after),
];

const applyInBatches = async (
  pairs: readonly { before: AttendeeItem; after: AttendeeItem }[],
  announce: Announcements = () => [],
) => {
  let updated = 0;
  for (let start = 0; start < pairs.length; start += perTransaction) {
    const chunk = pairs.slice(start, start + perTransaction);
    const items = chunk.flatMap(({ before, after }) => changeWrites(before, after, announce));
    if (await attendees.writeAttendees(items)) {
      updated += chunk.length;
      continue;
    }
    // Someone changed one of them meanwhile: apply the rest one by one, each on its fresh state.
    for (const { before } of chunk) {
      updated += (await applyOne(before)) ? 1 : 0;
    }
  }
  return updated;

  async function applyOne(stale: AttendeeItem) {
    const fresh = await attendees.getAttendee(stale.orgId, stale.conferenceId, stale.id);
    const pair = pairs.find((p) => p.before.id === stale.id);
    if (!fresh || !pair) return false;
    const change = changeBetween(pair.before, pair.after);
    const after = withChange(fresh, change, pair.after.updatedAt);
    if (after === fresh) return false;
    return attendees.writeAttendees(changeWrites(fresh, after, announce));
  }
};

const changeBetween = (before: AttendeeItem, after: AttendeeItem): MassChange =>
  Object.fromEntries(
    (['status', 'networking', 'group'] as const).flatMap((field) =>
      before[field] === after[field] ? [] : [[field, after[field]]],
    ),
  ) as MassChange;

/**
 * Revokes, or sets networking access or group, for a selection of attendees or one batch of a filter's
 * result (`massUpdateBatch` at a time; the summary's `nextCursor` continues it). Writes go in
 * transactions of `perTransaction` attendees; the summary counts what changed and what already was so.
 */
export const massUpdateRegistrations = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: MassUpdateInput,
): Promise<MassUpdateSummary> => {
  await loadConference(orgId, conferenceId);
  let selected: AttendeeItem[];
  let missing: string[] = [];
  let nextCursor: string | null = null;
  if ('ids' in input.target) {
    const found = await attendees.getAttendees(orgId, conferenceId, input.target.ids);
    const ids = input.target.ids;
    missing = ids.filter((_, index) => !found[index]);
    selected = found.filter((attendee): attendee is AttendeeItem => attendee !== undefined);
  } else {
    const page = await attendees.listAttendees(
      orgId,
      conferenceId,
      input.target.filter,
      massUpdateBatch,
      input.target.cursor,
    );
    selected = page.items;
    nextCursor = page.nextCursor;
  }
  const now = new Date().toISOString();
  const pairs = selected
    .map((before) => ({ before, after: withChange(before, input.change, now) }))
    .filter(({ before, after }) => after !== before);
  const updated = await applyInBatches(pairs, (before, after) =>
    after.status === 'revoked' && before.status !== 'revoked'
      ? [
          outboxPut('attendee.revoked', {
            version: 1,
            orgId,
            conferenceId,
            attendeeId: before.id,
            userId: principal.userId,
          }),
        ]
      : [],
  );
  return { matched: selected.length, updated, unchanged: selected.length - updated, missing, nextCursor };
};

/** One row of an attendee import: the email names the person; fields left out keep their value. */
export interface AttendeeUpsertRow {
  readonly email: string;
  readonly name: string;
  readonly role?: ConferenceRole;
  readonly group?: string | null;
  readonly networking?: NetworkingAccess;
}

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

/** Most rows one call of {@link upsertAttendeesByEmail} takes. */
export const upsertBatchSize = 100;

/**
 * The attendee import's target: upserts a batch of people by email into a conference. A new email becomes
 * an attendee with an invitation mailed to them (as `invite` would); a known one gets the row's name, role,
 * group and networking access where they differ. Running the same batch again changes nothing and mails
 * nobody, so a retried import is safe. Rows must be validated and their emails lower-cased and unique.
 */
export const upsertAttendeesByEmail = async (
  principal: Inviter,
  orgId: string,
  conferenceId: string,
  rows: readonly AttendeeUpsertRow[],
): Promise<{
  items: { email: string; outcome: UpsertOutcome; attendeeId: string | null }[];
  counts: Record<UpsertOutcome, number>;
}> => {
  if (rows.length > upsertBatchSize) throw new RangeError(`At most ${upsertBatchSize} rows per batch`);
  const conference = await loadConference(orgId, conferenceId);
  const existing = await attendees.getAttendeesByEmail(
    orgId,
    conferenceId,
    rows.map((row) => row.email),
  );
  const now = new Date().toISOString();
  const pairs = rows.flatMap((row) => {
    const before = existing.get(row.email);
    if (!before) return [];
    const after = withChange(
      before,
      { name: row.name, role: row.role, group: row.group, networking: row.networking },
      now,
    );
    return after === before ? [] : [{ before, after }];
  });
  await applyInBatches(pairs);
  const newRows = rows.filter((row) => !existing.has(row.email));
  // A new person is created with the row's role, group and access at once: one write each, and the
  // invitation names the role they were imported with.
  const invitations = newRows.length
    ? await createInvitations(
        principal,
        conference,
        newRows,
        { role: 'attendee', group: null, networking: 'all' },
        'import',
        existing.invitees,
      )
    : { items: [], created: [] };
  const createdByEmail = new Map(invitations.created.map((attendee) => [attendee.email, attendee]));
  const updatedEmails = new Set(pairs.map((pair) => pair.before.email));
  const items = rows.map((row) => {
    const before = existing.get(row.email);
    if (before)
      return {
        email: row.email,
        outcome: (updatedEmails.has(row.email) ? 'updated' : 'unchanged') as UpsertOutcome,
        attendeeId: before.id,
      };
    const created = createdByEmail.get(row.email);
    // Another request created them a moment ago: to this batch they were already there.
    return {
      email: row.email,
      outcome: (created ? 'new' : 'unchanged') as UpsertOutcome,
      attendeeId: created?.id ?? null,
    };
  });
  const counts = { new: 0, updated: 0, unchanged: 0 };
  for (const item of items) counts[item.outcome] += 1;
  return { items, counts };
};

/** Rows per CSV part; a longer list continues with the `x-next-cursor` header's cursor. */
const exportRowsPerPart = 500;

/** The attendee list as CSV: a column per registration question, times on the conference's clock. */
export const exportRegistrations = async (
  orgId: string,
  conferenceId: string,
  query: AttendeeFilter & { cursor?: string },
) => {
  const conference = await loadConference(orgId, conferenceId);
  const { cursor, ...filter } = query;
  const page = await attendees.listAttendees(orgId, conferenceId, filter, exportRowsPerPart, cursor);
  const fields = conference.registrationFields;
  const local = (instant: string | null) =>
    instant ? utcToLocal(instant, conference.timeZone).replace('T', ' ') : '';
  const header = cursor
    ? ''
    : csvRow([
        'Name',
        'Email',
        'Role',
        'Status',
        'Group',
        'Networking',
        `Invited (${conference.timeZone})`,
        `Registered (${conference.timeZone})`,
        ...fields.map((field) => field.label),
        'Attendee id',
      ]);
  const rows = page.items.map((attendee) =>
    csvRow([
      attendee.name,
      attendee.email,
      attendee.role,
      attendee.status,
      attendee.group,
      attendee.networking,
      local(attendee.invitedAt),
      local(attendee.registeredAt),
      ...fields.map((field) => {
        const answer = attendee.answers[field.key];
        return typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : answer;
      }),
      attendee.id,
    ]),
  );
  return {
    csv: header + rows.join(''),
    fileName: `attendees-${conference.id}-${new Date().toISOString().slice(0, 10)}.csv`,
    nextCursor: page.nextCursor,
  };
};
