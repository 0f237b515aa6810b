import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  linkToken,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';

/**
 * Attendance heartbeats through the real route update the counters the analytics read: the funnel, the
 * per-session table, the day and the minute buckets, and engagement per attendee; exports are CSV with
 * formula-looking cells defused.
 */
let owner: Session; // northwind-events
let otherOwner: Session; // brightside-plumbing
let orgId: string;

const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const path = (conferenceId: string, rest = '') => `/api/orgs/${orgId}/conferences/${conferenceId}${rest}`;

const createConference = () =>
  createConferenceAs(owner, {
    name: `Counted ${uniqueSuffix()}`,
    startDate: today,
    endDate: tomorrow,
    timeZone: 'UTC',
  });

const createItem = async (conferenceId: string, title: string, start: string) => {
  const response = await api('POST', path(conferenceId, '/agenda'), {
    token: owner.token,
    body: { title, start: `${today}T${start}`, end: `${today}T${start.slice(0, 2)}:55` },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string };
};

const registeredAttendee = async (conferenceId: string, name = 'Vera Viewer') => {
  const email = `viewer-${uniqueSuffix()}@example.com`;
  await api('POST', path(conferenceId, '/registrations'), {
    token: owner.token,
    body: { people: [{ email, name }] },
  });
  const token = linkToken(await waitForEmail(email, /invited you to/), '/conference-invitation');
  const registered = await api('POST', '/api/public/conference-invitations/register', {
    body: { token, name, password: 'correct horse battery staple', answers: {} },
  });
  expect(registered.status, registered.text).toBe(200);
  return { token: registered.json.accessToken as string, userId: registered.json.user.id as string };
};

const db = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack().endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

/** Moves the person's last beat on an item back by `seconds`, as if that much time had passed. */
const timePasses = async (conferenceId: string, itemId: string, userId: string, seconds: number) => {
  await db().send(
    new UpdateCommand({
      TableName: 'portico',
      Key: { pk: `ORG#${orgId}#CONF#${conferenceId}#STATS#`, sk: `WATCH#${itemId}#${userId}#` },
      UpdateExpression: 'SET lastBeatAt = :then',
      ExpressionAttributeValues: { ':then': new Date(Date.now() - seconds * 1000).toISOString() },
    }),
  );
};

const signal = (conferenceId: string, itemId: string, token: string, kind: 'join' | 'beat') =>
  api('POST', path(conferenceId, `/agenda/${itemId}/attendance`), { token, body: { kind } });

const analytics = async (conferenceId: string) => {
  const response = await api('GET', path(conferenceId, '/analytics'), { token: owner.token });
  expect(response.status, response.text).toBe(200);
  return response.json;
};

beforeAll(async () => {
  [owner, otherOwner] = await Promise.all([
    signInAs('owner', 'northwind-events'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
  orgId = owner.user.orgId!;
});

describe('attendance heartbeats', () => {
  it('count joins, viewers and server-measured watch time into the counters', async () => {
    const conference = await createConference();
    const [keynote, panel] = [
      await createItem(conference.id, 'Keynote', '09:00'),
      await createItem(conference.id, 'Panel', '10:00'),
    ];
    const vera = await registeredAttendee(conference.id);

    expect((await signal(conference.id, keynote.id, vera.token, 'join')).json).toEqual({ credited: 0 });
    const tooSoon = await signal(conference.id, keynote.id, vera.token, 'beat');
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);

    await timePasses(conference.id, keynote.id, vera.userId, 30);
    const beat = await signal(conference.id, keynote.id, vera.token, 'beat');
    expect(beat.json.credited).toBeGreaterThanOrEqual(30);
    expect(beat.json.credited).toBeLessThanOrEqual(32);
    // A client that sat on a beat for an hour gets no hour of credit.
    await timePasses(conference.id, keynote.id, vera.userId, 3600);
    expect((await signal(conference.id, keynote.id, vera.token, 'beat')).json).toEqual({ credited: 0 });

    const stats = await analytics(conference.id);
    expect(stats.funnel).toEqual({ invited: 1, registered: 1, attended: 1, engaged: 0 });
    const byTitle = Object.fromEntries(stats.items.map((item: { title: string }) => [item.title, item]));
    expect(byTitle.Keynote).toMatchObject({ viewers: 1, joins: 1, watchSeconds: beat.json.credited });
    expect(byTitle.Panel).toMatchObject({ viewers: 0, joins: 0, watchSeconds: 0 });
    expect(stats.popular.map((item: { itemId: string }) => item.itemId)).toEqual([keynote.id]);
    expect(stats.days).toEqual([{ date: today, people: 1, joins: 1, watchSeconds: beat.json.credited }]);

    expect((await signal(conference.id, panel.id, vera.token, 'join')).status).toBe(200);
    const later = await analytics(conference.id);
    expect(later.funnel.attended).toBe(1);
    expect(later.days[0]).toMatchObject({ people: 1, joins: 2 });

    const participation = await api('GET', path(conference.id, '/analytics/participation'), {
      token: owner.token,
    });
    expect(participation.json.date).toBe(today);
    expect(participation.json.minutes.at(-1)).toMatchObject({ people: 1 });
  });

  it('makes an attendee engaged once their watch time crosses ten minutes', async () => {
    const conference = await createConference();
    const item = await createItem(conference.id, 'Workshop', '11:00');
    const vera = await registeredAttendee(conference.id);
    await signal(conference.id, item.id, vera.token, 'join');
    for (let beat = 0; beat < 11; beat++) {
      await timePasses(conference.id, item.id, vera.userId, 60);
      expect((await signal(conference.id, item.id, vera.token, 'beat')).status).toBe(200);
    }
    expect((await analytics(conference.id)).funnel.engaged).toBe(1);
    const engagement = await api('GET', path(conference.id, '/analytics/attendees'), { token: owner.token });
    expect(engagement.json.items).toEqual([
      expect.objectContaining({
        userId: vera.userId,
        name: 'Vera Viewer',
        joins: 1,
        items: 1,
        engaged: true,
      }),
    ]);
    expect(engagement.json.items[0].watchSeconds).toBeGreaterThanOrEqual(600);
  });

  it('refuse sessions of other conferences, other organizations and attendees reading analytics', async () => {
    const [mine, other] = [await createConference(), await createConference()];
    const otherItem = await createItem(other.id, 'Elsewhere', '09:00');
    const vera = await registeredAttendee(mine.id);
    expect((await signal(other.id, otherItem.id, vera.token, 'join')).status).toBe(404);
    expect((await signal(mine.id, otherItem.id, vera.token, 'join')).status).toBe(404);
    expect((await signal(other.id, otherItem.id, otherOwner.token, 'join')).status).toBe(404);
    expect((await api('GET', path(mine.id, '/analytics'), { token: vera.token })).status).toBe(403);
    const badKind = await api('POST', path(other.id, `/agenda/${otherItem.id}/attendance`), {
      token: owner.token,
      body: { kind: 'beat', seconds: 3600 },
    });
    expect(badKind.status).toBe(400);
  });
});

describe('analytics exports', () => {
  it('are CSV with formula-looking cells defused', async () => {
    const conference = await createConference();
    const item = await createItem(conference.id, "=cmd|' /C calc'!A0", '09:00');
    const vera = await registeredAttendee(conference.id, '@SUM(1+1)*cmd');
    await signal(conference.id, item.id, vera.token, 'join');

    const items = await api('GET', path(conference.id, '/analytics/export?table=items'), {
      token: owner.token,
    });
    expect(items.headers.get('content-type')).toContain('text/csv');
    expect(items.text.split('\r\n')[1]).toBe(`'=cmd|' /C calc'!A0,${today} 09:00,,1,1,0`);
    const people = await api('GET', path(conference.id, '/analytics/export?table=attendees'), {
      token: owner.token,
    });
    expect(people.text.split('\r\n')[1]!.startsWith("'@SUM(1+1)*cmd,")).toBe(true);
    const days = await api('GET', path(conference.id, '/analytics/export?table=days'), {
      token: owner.token,
    });
    expect(days.text).toBe(`Date,People,Visits,Minutes watched\r\n${today},1,1,0\r\n`);
  });
});
