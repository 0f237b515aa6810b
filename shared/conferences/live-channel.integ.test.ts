import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, stack, uniqueSuffix } from '../../test/integ/api';
import { type Frame, TestClient } from '../../test/integ/ws';

/**
 * A conference's live channel through the local cloud with real WebSocket clients: the due-work tick (run
 * on the run's pinned clock) and an organizer's override push `conference.live` frames to the pages
 * subscribed, and nobody outside the conference can subscribe or hears anything.
 */
let owner: Session; // northwind-events
let stranger: Session; // brightside-plumbing
const clients: TestClient[] = [];

const connect = async (session: Session) => {
  const client = await TestClient.connect(session.token);
  clients.push(client);
  return client;
};

const base = (orgId: string, conferenceId: string) => `/api/orgs/${orgId}/conferences/${conferenceId}`;

const createConference = async (session: Session, day: string) => {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const response = await api('POST', `/api/orgs/${session.user.orgId}/conferences`, {
    token: session.token,
    body: { name: `Live ${uniqueSuffix()}`, startDate: day, endDate: next, timeZone: 'UTC' },
  });
  expect(response.status, response.text).toBe(201);
  return response.json.id as string;
};

const addItem = async (session: Session, conferenceId: string, start: string, end: string) => {
  const response = await api('POST', `${base(session.user.orgId!, conferenceId)}/agenda`, {
    token: session.token,
    body: { title: 'Opening', start, end, stream: 'https://vimeo.com/76979871' },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; version: number };
};

/** The local clock the whole run is pinned to (rate limits count on it; a schedule run takes its time). */
const pinnedNow = async () => {
  const response = await fetch(`${stack().url}/_local/clock`);
  return Date.parse(((await response.json()) as { now: string }).now);
};

const wall = (at: number) => new Date(at).toISOString().slice(0, 16);

const liveFrameOf = (conferenceId: string, itemId: string, state: string) => (frame: Frame) =>
  frame.type === 'conference.live' && frame.conferenceId === conferenceId && frame.states[itemId] === state;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([
    signInAs('owner', 'northwind-events'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
});

afterAll(() => {
  for (const client of clients) client.close();
});

describe('the live channel of a conference', () => {
  it('pushes the state the due-work tick sets, to members only', async () => {
    const now = await pinnedNow();
    const day = wall(now).slice(0, 10);
    const conferenceId = await createConference(owner, day);
    // Planned for tomorrow, so no tick takes it live before the pages have subscribed.
    const tomorrow = now + 86_400_000;
    const item = await addItem(owner, conferenceId, wall(tomorrow), wall(tomorrow + 1_800_000));
    const [watcher, outsider] = await Promise.all([connect(owner), connect(stranger)]);

    const subscribed = await watcher.request('conference.live.subscribe', {
      orgId: owner.user.orgId,
      conferenceId,
    });
    expect(subscribed).toMatchObject({ type: 'ack', data: { states: {} } });

    // Another organization's owner: the same answer as for an event that does not exist.
    const refused = await outsider.request('conference.live.subscribe', {
      orgId: owner.user.orgId,
      conferenceId,
    });
    const missing = await outsider.request('conference.live.subscribe', {
      orgId: owner.user.orgId,
      conferenceId: ulid(),
    });
    expect(refused).toMatchObject({ type: 'error', code: 'not-found' });
    expect({ ...refused, ref: undefined }).toEqual({ ...missing, ref: undefined });
    const ownConference = await createConference(stranger, day);
    const own = await outsider.request('conference.live.subscribe', {
      orgId: stranger.user.orgId,
      conferenceId: ownConference,
    });
    expect(own.type).toBe('ack');

    // Moved to start three minutes after the pinned clock: it goes live five minutes before, so is due.
    const moved = await api('PATCH', `${base(owner.user.orgId!, conferenceId)}/agenda/${item.id}`, {
      token: owner.token,
      body: { version: item.version, start: wall(now + 180_000), end: wall(now + 1_980_000) },
    });
    expect(moved.status, moved.text).toBe(200);
    const tick = await fetch(`${stack().url}/_local/schedules/due-work/every-minute`, { method: 'POST' });
    expect(tick.status).toBe(204);

    const frame = await watcher.next(liveFrameOf(conferenceId, item.id, 'live'));
    expect(frame).toMatchObject({ orgId: owner.user.orgId, version: expect.any(Number) });
    expect(frame.version).toBeGreaterThan(subscribed.data.version);
    const settled = await fetch(`${stack().url}/_local/events/settled`, { method: 'POST' });
    expect(settled.ok).toBe(true);
    expect(outsider.frames.filter((received) => received.type === 'conference.live')).toEqual([]);
  });

  it('pushes an organizer’s override, and stops once the page unsubscribes', async () => {
    const now = await pinnedNow();
    const day = wall(now + 3 * 86_400_000).slice(0, 10);
    const conferenceId = await createConference(owner, day);
    const item = await addItem(owner, conferenceId, `${day}T10:00`, `${day}T11:00`);
    const [watcher, leaver] = await Promise.all([connect(owner), connect(owner)]);
    const ref = { orgId: owner.user.orgId, conferenceId };
    for (const client of [watcher, leaver])
      expect((await client.request('conference.live.subscribe', ref)).type).toBe('ack');
    expect((await leaver.request('conference.live.unsubscribe', ref)).type).toBe('ack');

    const override = await api(
      'PUT',
      `${base(owner.user.orgId!, conferenceId)}/agenda/${item.id}/stream-state`,
      {
        token: owner.token,
        body: { state: 'live' },
      },
    );
    expect(override.status, override.text).toBe(200);
    await watcher.next(liveFrameOf(conferenceId, item.id, 'live'));
    await fetch(`${stack().url}/_local/events/settled`, { method: 'POST' });
    expect(leaver.frames.filter((received) => received.type === 'conference.live')).toEqual([]);
  });

  it('refuses a frame without the conference, naming the field', async () => {
    const client = await connect(owner);
    const answer = await client.request('conference.live.subscribe', { orgId: owner.user.orgId });
    expect(answer).toMatchObject({
      type: 'error',
      code: 'validation',
      fields: [expect.objectContaining({ path: 'conferenceId' })],
    });
  });
});
