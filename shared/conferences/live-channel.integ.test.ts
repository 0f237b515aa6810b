import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  linkToken,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import { type Frame, TestClient } from '../../test/integ/ws';

/**
 * A conference's live channel through the local cloud with real WebSocket clients: the due-work tick (run
 * on the run's pinned clock) and an organizer's override push `conference.live` frames to the pages
 * subscribed, an organizer's agenda changes push `conference.agenda` frames, and nobody outside the
 * conference can subscribe or hears anything.
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

/** Three days from `day`, so a session planned for tomorrow still fits when the clock is near midnight. */
const createConference = async (session: Session, day: string) => {
  const last = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  const response = await api('POST', `/api/orgs/${session.user.orgId}/conferences`, {
    token: session.token,
    body: { name: `Live ${uniqueSuffix()}`, startDate: day, endDate: last, timeZone: 'UTC' },
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

/** An invited person registers for the conference: their access token, as a guest with an attendee role. */
const attendeeOf = async (session: Session, conferenceId: string) => {
  const email = `live-${uniqueSuffix()}@example.com`;
  const invited = await api('POST', `${base(session.user.orgId!, conferenceId)}/registrations`, {
    token: session.token,
    body: { people: [{ email, name: 'Ada Attendee' }] },
  });
  expect(invited.status, invited.text).toBe(200);
  const token = linkToken(await waitForEmail(email, /invited you to/), '/conference-invitation');
  const registered = await api('POST', '/api/public/conference-invitations/register', {
    body: { token, name: 'Ada Attendee', password: 'correct horse battery staple', answers: {} },
  });
  expect(registered.status, registered.text).toBe(200);
  return registered.json.accessToken as string;
};

const agendaFrameOf = (conferenceId: string, match: (frame: Frame) => boolean) => (frame: Frame) =>
  frame.type === 'conference.agenda' && frame.conferenceId === conferenceId && match(frame);

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
    // Its own event's frames aside (creating one announces its state), the outsider heard nothing.
    expect(
      outsider.frames.filter(
        (received) => received.type === 'conference.live' && received.conferenceId === conferenceId,
      ),
    ).toEqual([]);
  });

  it('pushes an organizer’s override, and stops once the page unsubscribes', async () => {
    const now = await pinnedNow();
    const day = wall(now + 3 * 86_400_000).slice(0, 10);
    const conferenceId = await createConference(owner, day);
    const item = await addItem(owner, conferenceId, `${day}T10:00`, `${day}T11:00`);
    // What the event's creation and its session announce is pushed before anyone subscribes.
    await fetch(`${stack().url}/_local/events/settled`, { method: 'POST' });
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
    expect(leaver.frames.filter(liveFrameOf(conferenceId, item.id, 'live'))).toEqual([]);
  });

  it('pushes sessions added, moved and removed to an attendee, as their agenda shows them, and nothing to another event', async () => {
    const now = await pinnedNow();
    const day = wall(now + 5 * 86_400_000).slice(0, 10);
    const [conferenceId, otherConferenceId] = await Promise.all([
      createConference(owner, day),
      createConference(owner, day),
    ]);
    const attendeeToken = await attendeeOf(owner, conferenceId);
    const [attendee, elsewhere] = await Promise.all([TestClient.connect(attendeeToken), connect(owner)]);
    clients.push(attendee);
    const subscribed = await attendee.request('conference.live.subscribe', {
      orgId: owner.user.orgId,
      conferenceId,
    });
    expect(subscribed.type, JSON.stringify(subscribed)).toBe('ack');
    const other = await elsewhere.request('conference.live.subscribe', {
      orgId: owner.user.orgId,
      conferenceId: otherConferenceId,
    });
    expect(other.type).toBe('ack');

    const speaker = await api('POST', `${base(owner.user.orgId!, conferenceId)}/speakers`, {
      token: owner.token,
      body: { name: 'Sam Speaker', email: 'sam.speaker@example.com', bio: 'Talks' },
    });
    expect(speaker.status, speaker.text).toBe(201);
    const created = await api('POST', `${base(owner.user.orgId!, conferenceId)}/agenda`, {
      token: owner.token,
      body: {
        title: 'Keynote',
        start: `${day}T10:00`,
        end: `${day}T11:00`,
        description: 'Long text kept off the agenda',
        speakerIds: [speaker.json.id],
      },
    });
    expect(created.status, created.text).toBe(201);
    const itemId = created.json.id as string;
    const added = await attendee.next(
      agendaFrameOf(conferenceId, (frame) => frame.change === 'upserted' && frame.item.id === itemId),
    );
    // The attendee's own agenda route: the frame carries that item and nothing more.
    const seen = await api('GET', `${base(owner.user.orgId!, conferenceId)}/agenda`, {
      token: attendeeToken,
    });
    expect(seen.status, seen.text).toBe(200);
    expect(added).toEqual({
      type: 'conference.agenda',
      v: 1,
      orgId: owner.user.orgId,
      conferenceId,
      change: 'upserted',
      item: seen.json.items.find((item: Frame) => item.id === itemId),
    });
    expect(JSON.stringify(added)).not.toContain('sam.speaker@example.com');
    expect(JSON.stringify(added)).not.toContain('Long text');

    const moved = await api('PATCH', `${base(owner.user.orgId!, conferenceId)}/agenda/${itemId}`, {
      token: owner.token,
      body: { version: 1, start: `${day}T14:00`, end: `${day}T15:30`, title: 'Keynote, later' },
    });
    expect(moved.status, moved.text).toBe(200);
    const update = await attendee.next(
      agendaFrameOf(conferenceId, (frame) => frame.change === 'upserted' && frame.item.version === 2),
    );
    expect(update.item).toMatchObject({
      id: itemId,
      title: 'Keynote, later',
      start: `${day}T14:00`,
      end: `${day}T15:30`,
      startUtc: `${day}T14:00:00.000Z`,
    });

    const removed = await api(
      'DELETE',
      `${base(owner.user.orgId!, conferenceId)}/agenda/${itemId}?version=2`,
      { token: owner.token },
    );
    expect(removed.status, removed.text).toBe(204);
    await attendee.next(
      agendaFrameOf(conferenceId, (frame) => frame.change === 'deleted' && frame.itemId === itemId),
    );

    const settled = await fetch(`${stack().url}/_local/events/settled`, { method: 'POST' });
    expect(settled.ok).toBe(true);
    expect(elsewhere.frames.filter((frame) => frame.type === 'conference.agenda')).toEqual([]);
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
