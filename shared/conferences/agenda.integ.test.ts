import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, stack, tableSnapshot, uniqueSuffix } from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';
import { configureAsFunction } from '../../test/integ/round-trips';
import { recordRoundTrips } from '../../test/round-trip-recorder';

/**
 * Agenda items, speakers, streams going live by themselves, calendars and the public page, through the
 * real routes on the local cloud (times in Europe/Berlin, whose clocks change during the test events).
 */
let owner: Session; // northwind-events
let otherOwner: Session; // brightside-plumbing
let orgId: string;

const createConference = (overrides: Record<string, unknown> = {}) =>
  createConferenceAs(owner, {
    name: `Agenda Days ${uniqueSuffix()}`,
    startDate: '2027-03-27',
    endDate: '2027-03-28',
    ...overrides,
  });

const base = (conferenceId: string) => `/api/orgs/${orgId}/conferences/${conferenceId}`;

const addItem = async (conferenceId: string, body: Record<string, unknown>) => {
  const response = await api('POST', `${base(conferenceId)}/agenda`, {
    token: owner.token,
    body: { title: 'Session', start: '2027-03-27T09:00', end: '2027-03-27T10:00', ...body },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; version: number; startUtc: string; endUtc: string; notes: string[] };
};

const addSpeaker = async (conferenceId: string, body: Record<string, unknown> = {}) => {
  const response = await api('POST', `${base(conferenceId)}/speakers`, {
    token: owner.token,
    body: { name: 'Sam Speaker', title: 'CTO', email: `sam-${uniqueSuffix()}@example.com`, ...body },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; email: string };
};

/** Runs the per-minute due-work tick as if it fired at `at` (whole seconds, like scheduled events). */
const tick = async (at: number) => {
  const time = new Date(Math.ceil(at / 1000) * 1000).toISOString();
  const response = await fetch(`${stack().url}/_local/schedules/due-work/every-minute?time=${time}`, {
    method: 'POST',
  });
  expect(response.status).toBe(204);
};

const stateOf = async (conferenceId: string, itemId: string) => {
  const response = await api('GET', `${base(conferenceId)}/live`, { token: owner.token });
  return response.json.states[itemId] ?? 'scheduled';
};

beforeAll(async () => {
  [owner, otherOwner] = await Promise.all([
    signInAs('owner', 'northwind-events'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
  orgId = owner.user.orgId!;
});

describe('agenda items', () => {
  it('keep wall time in the event’s zone with the derived UTC instant, across the clock change', async () => {
    const conference = await createConference();
    const saturday = await addItem(conference.id, { start: '2027-03-27T09:30', end: '2027-03-27T10:15' });
    expect(saturday).toMatchObject({
      startUtc: '2027-03-27T08:30:00.000Z',
      endUtc: '2027-03-27T09:15:00.000Z',
    });
    // Sunday is summer time: the same wall clock is an hour earlier in UTC.
    const sunday = await addItem(conference.id, { start: '2027-03-28T09:30', end: '2027-03-28T10:15' });
    expect(sunday).toMatchObject({ startUtc: '2027-03-28T07:30:00.000Z', notes: [] });
  });

  it('refuse a wall time that does not exist (the spring-forward gap) and write nothing', async () => {
    const conference = await createConference();
    const before = await tableSnapshot();
    const response = await api('POST', `${base(conference.id)}/agenda`, {
      token: owner.token,
      body: { title: 'Night owls', start: '2027-03-28T02:30', end: '2027-03-28T03:30' },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([
      { path: 'start', message: expect.stringContaining('does not exist in Europe/Berlin') },
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('take the earlier of two times in the fall-back hour and say so', async () => {
    const conference = await createConference({ startDate: '2027-10-30', endDate: '2027-10-31' });
    const item = await addItem(conference.id, { start: '2027-10-31T02:30', end: '2027-10-31T04:00' });
    expect(item.startUtc).toBe('2027-10-31T00:30:00.000Z');
    expect(item.notes).toEqual([expect.stringContaining('happens twice')]);
  });

  it.each([
    [{ start: '2027-03-27T10:00', end: '2027-03-27T09:00' }, 'end'],
    [{ start: '2027-03-29T10:00', end: '2027-03-29T11:00' }, 'start'],
    [{ start: '2027-03-27T25:00', end: '2027-03-27T26:00' }, 'start'],
    [{ title: 'Two\nlines' }, 'title'],
    [{ title: 'Broken \udc00 text' }, 'title'],
    [{ stream: 'javascript:alert(1)' }, 'stream'],
    [{ stream: 'https://evil.example/embed/x' }, 'stream'],
    [{ speakerIds: ['01J00000000000000000000000'] }, 'speakerIds'],
  ])('refuse %o and write nothing', async (body, field) => {
    const conference = await createConference();
    const before = await tableSnapshot();
    const response = await api('POST', `${base(conference.id)}/agenda`, {
      token: owner.token,
      body: { title: 'Session', start: '2027-03-27T09:00', end: '2027-03-27T10:00', ...body },
    });
    expect(response.status, response.text).toBe(400);
    expect(response.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await tableSnapshot()).toBe(before);
  });

  it('are edited with their version: a stale one answers 409', async () => {
    const conference = await createConference();
    const item = await addItem(conference.id, {});
    const moved = await api('PATCH', `${base(conference.id)}/agenda/${item.id}`, {
      token: owner.token,
      body: {
        version: 1,
        start: '2027-03-27T11:00',
        end: '2027-03-27T12:00',
        description: 'Moved to eleven.',
      },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({
      version: 2,
      startUtc: '2027-03-27T10:00:00.000Z',
      description: 'Moved to eleven.',
    });
    const before = await tableSnapshot();
    const stale = await api('PATCH', `${base(conference.id)}/agenda/${item.id}`, {
      token: owner.token,
      body: { version: 1, title: 'Lost update' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.currentVersion).toBe(2);
    const staleDelete = await api('DELETE', `${base(conference.id)}/agenda/${item.id}?version=1`, {
      token: owner.token,
    });
    expect(staleDelete.status).toBe(409);
    expect(await tableSnapshot()).toBe(before);
  });

  it('flag a speaker or a room in two places at once, without refusing', async () => {
    const conference = await createConference();
    const speaker = await addSpeaker(conference.id);
    const a = await addItem(conference.id, { room: 'Hall A', speakerIds: [speaker.id] });
    const b = await addItem(conference.id, {
      start: '2027-03-27T09:30',
      end: '2027-03-27T10:30',
      room: 'Hall B',
      speakerIds: [speaker.id],
    });
    const c = await addItem(conference.id, {
      start: '2027-03-27T09:45',
      end: '2027-03-27T10:45',
      room: 'Hall A',
    });
    const agenda = await api('GET', `${base(conference.id)}/agenda`, { token: owner.token });
    expect(agenda.json.overlaps).toEqual(
      expect.arrayContaining([
        { kind: 'speaker', subject: speaker.id, itemIds: [a.id, b.id] },
        { kind: 'room', subject: 'Hall A', itemIds: [a.id, c.id] },
      ]),
    );
  });
});

describe('speakers', () => {
  it('show contact details to organizers only', async () => {
    const conference = await createConference({ privacy: 'public' });
    const speaker = await addSpeaker(conference.id, { phone: '+49 30 1234567' });
    const asOrganizer = await api('GET', `${base(conference.id)}/speakers`, { token: owner.token });
    expect(asOrganizer.json.items[0]).toMatchObject({ email: speaker.email, phone: '+49 30 1234567' });
    const page = await api('GET', `/api/public/orgs/${orgId}/conferences/${conference.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(speaker.email);
    expect(page.text).not.toContain('1234567');
  });

  it('keep a speaking history across the organization’s conferences', async () => {
    const email = `historic-${uniqueSuffix()}@example.com`;
    const first = await createConference({ startDate: '2027-03-27', endDate: '2027-03-28' });
    const second = await createConference({ startDate: '2027-05-01', endDate: '2027-05-02' });
    await addSpeaker(first.id, { email });
    const again = await addSpeaker(second.id, { email });
    const history = await api('GET', `${base(second.id)}/speakers/${again.id}/history`, {
      token: owner.token,
    });
    expect(history.json.items.map((h: { conferenceId: string }) => h.conferenceId)).toEqual([
      second.id,
      first.id,
    ]);
  });
});

describe('streams', () => {
  it('go live by themselves before the start and end at the end; a move moves the moments', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const day = soon.toISOString().slice(0, 10);
    const conference = await createConference({
      startDate: day,
      endDate: day,
      timeZone: 'UTC',
      liveLeadMinutes: 10,
    });
    const item = await addItem(conference.id, {
      start: `${day}T12:00`,
      end: `${day}T13:00`,
      stream: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    });
    const at = (hhmm: string) => Date.parse(`${day}T${hhmm}:00Z`);

    // Moved an hour later before anything ran: the old moments must not take it live.
    const moved = await api('PATCH', `${base(conference.id)}/agenda/${item.id}`, {
      token: owner.token,
      body: { version: 1, start: `${day}T13:00`, end: `${day}T14:00` },
    });
    expect(moved.status, moved.text).toBe(200);
    await tick(at('11:51'));
    expect(await stateOf(conference.id, item.id)).toBe('scheduled');

    const first = await api('GET', `${base(conference.id)}/live`, { token: owner.token });
    const etag = first.headers.get('etag')!;
    const unchanged = await api('GET', `${base(conference.id)}/live`, {
      token: owner.token,
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);

    await tick(at('12:50'));
    expect(await stateOf(conference.id, item.id)).toBe('live');
    const changed = await api('GET', `${base(conference.id)}/live`, {
      token: owner.token,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    await tick(at('14:00'));
    expect(await stateOf(conference.id, item.id)).toBe('ended');
  });

  it('can be overridden by an organizer and swapped for a recording', async () => {
    const conference = await createConference();
    const item = await addItem(conference.id, { stream: 'https://vimeo.com/76979871' });
    const missing = await api('PUT', `${base(conference.id)}/agenda/${item.id}/stream-state`, {
      token: owner.token,
      body: { state: 'recording' },
    });
    expect(missing.status).toBe(400);
    const recorded = await api('PUT', `${base(conference.id)}/agenda/${item.id}/stream-state`, {
      token: owner.token,
      body: { state: 'recording', recordingUrl: 'https://youtu.be/dQw4w9WgXcQ' },
    });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.json).toMatchObject({
      state: 'recording',
      recordingUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    });
    expect(await stateOf(conference.id, item.id)).toBe('recording');
  });
});

describe('calendars and my agenda', () => {
  it('give each session an .ics with a stable UID and a sequence bumped on change', async () => {
    const conference = await createConference();
    const item = await addItem(conference.id, { title: 'Keynote, with; punctuation', room: 'Hall A' });
    const first = await api('GET', `${base(conference.id)}/agenda/${item.id}/calendar`, {
      token: owner.token,
    });
    expect(first.headers.get('content-type')).toContain('text/calendar');
    expect(first.text).toContain(`UID:${item.id}@portico`);
    expect(first.text).toContain('SEQUENCE:0');
    expect(first.text).toContain('DTSTART:20270327T080000Z');
    expect(first.text).toContain('SUMMARY:Keynote\\, with\\; punctuation');
    await api('PATCH', `${base(conference.id)}/agenda/${item.id}`, {
      token: owner.token,
      body: { version: 1, room: 'Hall B' },
    });
    const second = await api('GET', `${base(conference.id)}/agenda/${item.id}/calendar`, {
      token: owner.token,
    });
    expect(second.text).toContain(`UID:${item.id}@portico`);
    expect(second.text).toContain('SEQUENCE:1');
  });

  it('keep saved sessions in a private feed that a new link or a revoke turns off', async () => {
    const conference = await createConference();
    const saved = await addItem(conference.id, { title: 'Saved one' });
    await addItem(conference.id, { title: 'Not saved' });
    expect(
      (await api('PUT', `${base(conference.id)}/agenda/${saved.id}/saved`, { token: owner.token })).status,
    ).toBe(204);
    const agenda = await api('GET', `${base(conference.id)}/agenda`, { token: owner.token });
    expect(agenda.json.savedItemIds).toEqual([saved.id]);

    const feed = await api('POST', `${base(conference.id)}/calendar-feed`, { token: owner.token });
    const feedPath = new URL(feed.json.url).pathname;
    const ics = await api('GET', feedPath);
    expect(ics.status).toBe(200);
    expect(ics.text).toContain('SUMMARY:Saved one');
    expect(ics.text).not.toContain('Not saved');

    const renewed = await api('POST', `${base(conference.id)}/calendar-feed`, { token: owner.token });
    expect((await api('GET', feedPath)).status).toBe(404);
    await api('DELETE', `${base(conference.id)}/calendar-feed`, { token: owner.token });
    expect((await api('GET', new URL(renewed.json.url).pathname)).status).toBe(404);
  });
});

describe('the public page', () => {
  it('shows public and unlisted conferences, never invitation-only ones', async () => {
    const open = await createConference({ privacy: 'public' });
    const unlisted = await createConference({ privacy: 'unlisted' });
    const closed = await createConference({ privacy: 'invitation-only' });
    await addItem(open.id, { title: 'Open talk', track: 'Main' });
    const page = await api('GET', `/api/public/orgs/${orgId}/conferences/${open.id}`);
    expect(page.status).toBe(200);
    expect(page.json.items[0]).toMatchObject({ title: 'Open talk', track: 'Main' });
    expect(page.json.items[0].version).toBeUndefined();
    expect((await api('GET', `/api/public/orgs/${orgId}/conferences/${unlisted.id}`)).status).toBe(200);
    const hidden = await api('GET', `/api/public/orgs/${orgId}/conferences/${closed.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain(closed.name);
    // The conference is found only under its own organization.
    expect(
      (await api('GET', `/api/public/orgs/${otherOwner.user.orgId}/conferences/${open.id}`)).status,
    ).toBe(404);
  });
});

describe('the agenda of 500 sessions', () => {
  it('is read in at most two DynamoDB round trips, the caller’s role read included', async () => {
    configureAsFunction();
    const { dynamo } = await import('../aws/dynamo');
    const { authenticate } = await import('../auth/authenticate');
    const { authorizeRoute } = await import('../auth/policy');
    const { createAgendaItem, getAgenda } = await import('./agenda');

    const conference = await createConference({ startDate: '2027-06-01', endDate: '2027-06-03' });
    const principal = await authenticate(`Bearer ${owner.token}`, { orgId, conferenceId: conference.id });
    const speakers = await Promise.all([addSpeaker(conference.id), addSpeaker(conference.id)]);
    let next = 0;
    const worker = async () => {
      while (next < 500) {
        const n = next++;
        const day = `2027-06-0${1 + (n % 3)}`;
        const minutes = 8 * 60 + (Math.floor(n / 3) % 160) * 5;
        const wall = (m: number) =>
          `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        await createAgendaItem(principal, orgId, conference.id, {
          title: `Session ${n}: a title of ordinary length about something`,
          description: 'A long abstract. '.repeat(60),
          start: wall(minutes),
          end: wall(minutes + 45),
          track: `Track ${n % 4}`,
          room: `Room ${n % 6}`,
          speakerIds: [speakers[n % 2]!.id],
          stream: null,
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    const recorder = recordRoundTrips(dynamo);
    try {
      const caller = await authenticate(`Bearer ${owner.token}`, { orgId, conferenceId: conference.id });
      authorizeRoute('conference-member', caller, { orgId, conferenceId: conference.id });
      const agenda = await getAgenda(caller, orgId, conference.id);
      expect(agenda.items).toHaveLength(500);
      expect(agenda.speakers).toHaveLength(2);
    } finally {
      recorder.stop();
    }
    const commands = recorder.commands();
    expect(recorder.trips().length, commands.join(', ')).toBeLessThanOrEqual(2);
    expect(commands.filter((c) => c === 'QueryCommand').length).toBeLessThanOrEqual(3);
  }, 180_000);
});
