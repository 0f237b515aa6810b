import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/policy';
import { tableName } from '../aws/dynamo';
import { attendeeKeys, conferenceKeys, outboxKeys } from '../db/keys';
import { writtenEvents } from '../events/test-support';
import { NotFoundError, VersionConflictError } from '../http/errors';
import type { DueItem } from '../platform';
import { endStreamKind, goLiveKind } from './agenda';
import type { AttendeeItem } from './attendee-repository';
import { massUpdateRegistrations } from './attendees';
import { revokeInvitation } from './invitations';
import { streamRunners } from './live';
import type { AgendaItem } from './model';
import { removeAttendee, updateConference } from './service';
import { conferenceItem } from './test-support';

// A crash between a change and its announcement must not lose the event: each write's outbox item goes
// into the write's own transaction, and a refused write announces nothing.
const db = mockClient(DynamoDBDocumentClient);

const orgId = '01J0RG00000000000000000001';
const conferenceId = '01JC0NF0000000000000000001';
const itemId = '01JTEM00000000000000000001';
const secondId = '01JATTENDEE000000000000002';
const revokedId = '01JATTENDEE000000000000003';
const attendeeId = '01JATTENDEE000000000000001';
const organizer: Principal = {
  userId: '01J0SER0000000000000000001',
  email: 'olivia@example.com',
  name: 'Olivia Organizer',
  role: 'owner',
  orgId,
};

const conference = conferenceItem({ version: 3, createdBy: organizer.userId });
const storedConference = {
  ...conferenceKeys.conference(orgId, conferenceId),
  entity: 'conference',
  ...conference,
};

const agendaItem: AgendaItem = {
  id: itemId,
  title: 'Opening keynote',
  start: '2027-09-01T09:00',
  end: '2027-09-01T10:00',
  startUtc: '2027-09-01T07:00:00.000Z',
  endUtc: '2027-09-01T08:00:00.000Z',
  track: 'Main',
  room: 'Hall A',
  speakerIds: [],
  stream: null,
  recordingUrl: null,
  notes: [],
  version: 1,
  liveDueId: '01JD0E00000000000000000001',
  endDueId: '01JD0E00000000000000000002',
  updatedAt: '2027-01-01T00:00:00.000Z',
};

const attendee: AttendeeItem = {
  id: attendeeId,
  orgId,
  conferenceId,
  email: 'ada@example.com',
  name: 'Ada Attendee',
  role: 'attendee',
  group: null,
  networking: 'all',
  status: 'sent',
  answers: {},
  userId: null,
  source: 'invitation',
  invitedAt: '2027-01-02T00:00:00.000Z',
  invitedBy: organizer.userId,
  lastSentAt: '2027-01-02T00:00:00.000Z',
  sendCount: 1,
  bounceReason: null,
  registeredAt: null,
  version: 2,
  updatedAt: '2027-01-02T00:00:00.000Z',
  tokenHash: 'token-hash-1',
};
const storedAttendee = {
  ...attendeeKeys.attendee(orgId, conferenceId, attendeeId),
  entity: 'attendee',
  ...attendee,
  searchText: 'ada attendee ada@example.com',
};

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** The one committed transaction's items: the write's and its outbox item, side by side. */
const onlyTransaction = () => {
  const calls = db.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  return calls[0]!.args[0].input.TransactItems!;
};
const isOutbox = (item: { Put?: { Item?: Record<string, unknown> } }) =>
  String(item.Put?.Item?.pk ?? '').startsWith(outboxKeys.prefix);

const due = (kind: string): DueItem =>
  ({
    dueId: agendaItem.liveDueId,
    kind,
    payload: { orgId, conferenceId, itemId, startUtc: agendaItem.startUtc },
  }) as unknown as DueItem;

beforeEach(() => {
  db.reset();
  db.on(TransactWriteCommand).resolves({});
});

describe('a conference change and its announcement', () => {
  it('writes the conference and its conference.updated event in one transaction', async () => {
    db.on(GetCommand).resolves({ Item: storedConference });

    await updateConference(organizer, orgId, conferenceId, { name: 'Harbour Summit 2027', version: 3 });

    const items = onlyTransaction();
    expect(items).toHaveLength(2);
    expect(items[0]!.Put?.Item).toMatchObject({ pk: storedConference.pk, name: 'Harbour Summit 2027' });
    expect(items[0]!.Put?.ConditionExpression).toBe('attribute_exists(pk) AND version = :expected');
    expect(isOutbox(items[1]!)).toBe(true);
    expect(await writtenEvents(db)).toEqual([
      {
        detailType: 'conference.updated',
        detail: expect.objectContaining({ conferenceId, conferenceVersion: 4, fields: ['name'] }),
      },
    ]);
  });

  it('answers 409 with the current version and announces nothing when someone saved first', async () => {
    db.on(GetCommand)
      .resolvesOnce({ Item: storedConference })
      .resolves({ Item: { ...storedConference, version: 4 } });
    db.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    const saving = updateConference(organizer, orgId, conferenceId, { name: 'Late', version: 3 });

    await expect(saving).rejects.toBeInstanceOf(VersionConflictError);
    await expect(saving).rejects.toMatchObject({ extensions: { currentVersion: 4 } });
    expect(await writtenEvents(db)).toEqual([]);
  });

  it('answers 404 and announces nothing when the role to remove is not there', async () => {
    db.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    await expect(
      removeAttendee(organizer, orgId, conferenceId, '01JN0B0DY00000000000000001'),
    ).rejects.toBeInstanceOf(NotFoundError);
    const items = onlyTransaction();
    expect(items[0]!.Delete?.ConditionExpression).toBe('attribute_exists(pk)');
    expect(isOutbox(items[1]!)).toBe(true);
    expect(await writtenEvents(db)).toEqual([]);
  });
});

describe('a stream going live on schedule', () => {
  beforeEach(() => {
    db.on(BatchGetCommand).resolves({
      Responses: {
        [tableName]: [
          storedConference,
          { ...conferenceKeys.agendaItem(orgId, conferenceId, itemId), entity: 'agenda-item', ...agendaItem },
        ],
      },
    });
  });

  it('moves the live state and announces the change in the same transaction', async () => {
    await streamRunners[goLiveKind](due(goLiveKind));

    const items = onlyTransaction();
    expect(items[0]!.Update?.Key).toEqual(conferenceKeys.liveStates(orgId, conferenceId));
    expect(items[0]!.Update?.ExpressionAttributeValues).toMatchObject({ ':to': 'live' });
    expect(await writtenEvents(db)).toEqual([
      {
        detailType: 'agenda-item.stream-state-changed',
        detail: expect.objectContaining({ itemId, state: 'live', by: 'schedule', userId: null }),
      },
    ]);
  });

  it('announces nothing when an organizer already moved the state on', async () => {
    db.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    await expect(streamRunners[endStreamKind](due(endStreamKind))).resolves.toBeUndefined();
    expect(await writtenEvents(db)).toEqual([]);
  });
});

describe('revoking invitations', () => {
  it('revokes one with its link deleted and attendee.revoked in one transaction', async () => {
    db.on(GetCommand).resolves({ Item: storedAttendee });

    await revokeInvitation(organizer, orgId, conferenceId, attendeeId);

    const items = onlyTransaction();
    expect(items[0]!.Put?.Item).toMatchObject({ id: attendeeId, status: 'revoked', tokenHash: null });
    expect(items[1]!.Delete?.Key).toEqual(attendeeKeys.invitationToken('token-hash-1'));
    expect(isOutbox(items[2]!)).toBe(true);
    expect(await writtenEvents(db)).toEqual([
      { detailType: 'attendee.revoked', detail: expect.objectContaining({ attendeeId }) },
    ]);
  });

  it('puts each revoked attendee’s event in the batch transaction that revokes them', async () => {
    const second = {
      ...storedAttendee,
      ...attendeeKeys.attendee(orgId, conferenceId, secondId),
      id: secondId,
    };
    const already = {
      ...storedAttendee,
      ...attendeeKeys.attendee(orgId, conferenceId, revokedId),
      id: revokedId,
      status: 'revoked',
      tokenHash: null,
    };
    db.on(GetCommand).resolves({ Item: storedConference });
    db.on(BatchGetCommand).resolves({ Responses: { [tableName]: [storedAttendee, second, already] } });

    const summary = await massUpdateRegistrations(organizer, orgId, conferenceId, {
      target: { ids: [attendeeId, secondId, revokedId] },
      change: { status: 'revoked' },
    });

    expect(summary).toMatchObject({ matched: 3, updated: 2, unchanged: 1 });
    const items = onlyTransaction();
    expect(items.filter((item) => item.Put?.Item?.status === 'revoked')).toHaveLength(2);
    expect((await writtenEvents(db)).map((event) => event.detail.attendeeId)).toEqual([attendeeId, secondId]);
  });
});
