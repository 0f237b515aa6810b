import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  type OutboxMessage,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import type { EngagementView } from '../engagements/contracts';
import type { BookingView, SlotsView } from './contracts';

/**
 * Booking through the local cloud and the Google stand-in, with the real Google client libraries:
 * consent with PKCE, free slots, atomic claims, Google faults, cancel and move, two-way sync and a
 * revoked grant. The operator's calendar is one for the whole deployment, so this file resets the
 * stand-in, connects it and saves its own availability first.
 */

let admin: Session;
let owner: Session;
let member: Session;
let orgId: string;
let engagement: EngagementView;
let account: string;

const HOUR = 3_600_000;

interface StandInEvent {
  readonly id: string;
  readonly calendarId: string;
  readonly status: string;
  readonly summary: string | null;
  readonly description: string | null;
  readonly attendees: { email: string }[];
  readonly start: string;
  readonly end: string;
}

const google = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${stack().url}/_local/google${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`Stand-in ${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
};

const standInEvents = async (): Promise<StandInEvent[]> => (await google('GET', '/state.json')).events;

const eventOf = async (bookingId: string) =>
  (await standInEvents()).find((event) => event.id.includes(Buffer.from(bookingId).toString('hex')));

const decodeHtml = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** Starts consent as `session`, clicks Allow on the stand-in's page, returns Google's redirect. */
const consent = async (session: Session) => {
  const started = await api('POST', '/api/booking/connection/authorize', { token: session.token });
  expect(started.status, started.text).toBe(200);
  const url = new URL(started.json.authorizationUrl);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('access_type')).toBe('offline');
  const page = await (await fetch(url)).text();
  const fields = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      decodeHtml(match[1]!),
      decodeHtml(match[2]!),
    ]),
  );
  const decided = await fetch(`${stack().url}/_google/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    body: new URLSearchParams({ ...fields, decision: 'allow' }),
    redirect: 'manual',
  });
  expect(decided.status).toBe(302);
  const back = new URL(decided.headers.get('location')!);
  expect(back.pathname).toBe('/admin/booking/callback');
  return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
};

const connect = async (session: Session) => {
  const response = await api('POST', '/api/booking/connection/callback', {
    token: session.token,
    body: await consent(session),
  });
  expect(response.status, response.text).toBe(200);
  return response;
};

/** Open around the clock in UTC: every test can find slots an hour or a few days ahead. */
const testSettings = {
  availability: {
    timeZone: 'UTC',
    workingHours: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
    slotMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeHours: 1,
    maxPerDay: 40,
    horizonDays: 30,
    dateOverrides: [],
  },
  checkCalendarIds: [],
  targetCalendarId: null,
  changeNoticeHours: 2,
};

const saveSettings = async (changes: Partial<typeof testSettings> = {}) => {
  const current = await api('GET', '/api/booking/settings', { token: admin.token });
  const saved = await api('PUT', '/api/booking/settings', {
    token: admin.token,
    body: { ...testSettings, ...changes, version: current.json.version },
  });
  expect(saved.status, saved.text).toBe(200);
};

/** A UTC instant `days` from today at `time`, e.g. ('10:00', 3). */
const at = (time: string, days: number) => {
  const date = new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10);
  return `${date}T${time}:00.000Z`;
};

const book = (session: Session, start: string, extra: Record<string, unknown> = {}) =>
  api('POST', `/api/orgs/${orgId}/bookings`, {
    token: session.token,
    body: { start, notes: 'Agenda: venue shortlist & budget <b>draft</b>', ...extra },
  });

const slotsOn = async (start: string) => {
  const date = start.slice(0, 10);
  const response = await api('GET', `/api/orgs/${orgId}/booking/slots?from=${date}&days=2`, {
    token: owner.token,
  });
  expect(response.status, response.text).toBe(200);
  return response.json as SlotsView;
};

const isOffered = async (start: string) =>
  (await slotsOn(start)).days.some((day) => day.slots.some((slot) => slot.start === start));

/** Waits for a message to `to` whose subject and text match: several tests mail the same person. */
const waitForMessage = async (to: string, subject: RegExp, text: string) => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const messages = (await (await fetch(`${stack().url}/_local/outbox.json`)).json()) as OutboxMessage[];
    const found = messages.find((m) => m.to.includes(to) && subject.test(m.subject) && m.text.includes(text));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No email to ${to} matching ${subject} with "${text}"`);
};

const runSync = async () => {
  const response = await fetch(`${stack().url}/_local/schedules/calendar-sync/every-five-minutes`, {
    method: 'POST',
  });
  expect(response.status).toBe(204);
  await eventsSettled();
};

beforeAll(async () => {
  admin = await signInAs('admin');
  await google('POST', '/reset');
  await api('DELETE', '/api/booking/connection', { token: admin.token });
  const org = await createOrganization(admin.token, `Booking Org ${uniqueSuffix()}`);
  orgId = org.id;
  const created = await api('POST', `/api/orgs/${orgId}/engagements`, {
    token: admin.token,
    body: { projectName: 'Harbour Gala' },
  });
  engagement = created.json;
  const suffix = uniqueSuffix();
  [owner, member] = await Promise.all([
    inviteAndAccept(admin.token, {
      email: `owner-${suffix}@client.test`,
      name: 'Olive Owner',
      role: 'owner',
      orgId,
    }),
    inviteAndAccept(admin.token, {
      email: `member-${suffix}@client.test`,
      name: 'Max Member',
      role: 'member',
      orgId,
    }),
  ]);
});

describe('connecting Google Calendar', () => {
  it('says booking is not connected before an admin authorizes, and clients see it as unavailable', async () => {
    const status = await api('GET', '/api/booking/connection', { token: admin.token });
    expect(status.json).toMatchObject({ status: 'not-connected', standIn: true });
    const slots = await api('GET', `/api/orgs/${orgId}/booking/slots`, { token: owner.token });
    expect(slots.json).toMatchObject({ availability: 'not-connected', days: [] });
    const booking = await book(owner, at('10:00', 3));
    expect(booking.status).toBe(503);
    expect(booking.json.type).toMatch(/booking-paused$/);
  });

  it('refuses a callback whose state another admin started, and a replayed one', async () => {
    const otherAdmin = await inviteAndAccept(admin.token, {
      email: `admin-${uniqueSuffix()}@portico.test`,
      name: 'Other Admin',
      role: 'admin',
    });
    const stolen = await consent(admin);
    const asOther = await api('POST', '/api/booking/connection/callback', {
      token: otherAdmin.token,
      body: stolen,
    });
    expect(asOther.status).toBe(400);
    // The state is single-use: even its own admin cannot use it after the refused attempt.
    const replay = await api('POST', '/api/booking/connection/callback', {
      token: admin.token,
      body: stolen,
    });
    expect(replay.status).toBe(400);
    expect((await api('GET', '/api/booking/connection', { token: admin.token })).json.status).toBe(
      'not-connected',
    );
  });

  it('connects through consent with PKCE, keeps only a sealed refresh token, and lists calendars', async () => {
    const connected = await connect(admin);
    expect(connected.json).toMatchObject({
      status: 'connected',
      standIn: true,
      connectedBy: expect.any(String),
    });
    account = connected.json.account;
    expect(account).toMatch(/@/);
    const calendars = await api('GET', '/api/booking/calendars', { token: admin.token });
    expect(calendars.status).toBe(200);
    expect(calendars.json.items).toContainEqual(
      expect.objectContaining({ id: account, primary: true, canWrite: true }),
    );
    expect(calendars.json.items.some((calendar: { canWrite: boolean }) => !calendar.canWrite)).toBe(true);
    // The first connection adopts the calendar's zone for the default availability.
    const settings = await api('GET', '/api/booking/settings', { token: admin.token });
    expect(settings.json).toMatchObject({ version: 1, targetCalendarId: account });
    expect(settings.json.availability.timeZone).not.toBe('UTC');
    await saveSettings();
  });

  it('is for operator admins only', async () => {
    for (const path of ['/api/booking/connection', '/api/booking/settings', '/api/booking/calendars']) {
      expect((await api('GET', path, { token: owner.token })).status).toBe(403);
    }
  });
});

describe('free slots', () => {
  it("offers slots in the organization's zone, minus Google's busy time and existing bookings", async () => {
    const busyStart = at('10:00', 3);
    await google('POST', '/events', {
      calendarId: account,
      summary: 'Dentist',
      start: busyStart,
      end: at('11:00', 3),
    });
    const view = await slotsOn(busyStart);
    expect(view).toMatchObject({
      availability: 'open',
      standIn: true,
      timeZone: 'Europe/Berlin',
      slotMinutes: 30,
    });
    const all = view.days.flatMap((day) => day.slots);
    expect(all.map((slot) => slot.start)).not.toContain(busyStart);
    expect(all.map((slot) => slot.start)).not.toContain(at('10:30', 3));
    const before = all.find((slot) => slot.start === at('09:30', 3));
    // Labelled on the client's wall clock: 09:30 UTC is 10:30 in Berlin in winter, 11:30 in summer.
    expect(before?.label).toMatch(/^1[01]:30$/);
    expect(all.map((slot) => slot.start)).toContain(at('11:00', 3));
  });

  it('refuses a time that is not a free slot, and writes nothing', async () => {
    const busy = await book(owner, at('10:00', 3));
    expect(busy.status).toBe(409);
    expect(busy.json.type).toMatch(/slot-unavailable$/);
    const offGrid = await book(owner, at('12:10', 3));
    expect(offGrid.status).toBe(409);
    const list = await api('GET', `/api/orgs/${orgId}/bookings`, { token: owner.token });
    expect(list.json.items).toEqual([]);
  });
});

describe('booking a slot', () => {
  let kickoff: BookingView;

  it("creates the Google event with the project, the client's notes and attendee, and confirms by email", async () => {
    const start = at('12:00', 3);
    const response = await book(owner, start, { kickoff: true, engagementId: engagement.id });
    expect(response.status, response.text).toBe(201);
    kickoff = response.json;
    expect(kickoff).toMatchObject({
      start,
      end: at('12:30', 3),
      status: 'confirmed',
      projectName: 'Harbour Gala',
      kickoff: true,
      changeable: true,
      bookedByEmail: owner.user.email,
    });
    const event = await eventOf(kickoff.id);
    expect(event).toMatchObject({ status: 'confirmed', calendarId: account, start });
    expect(event?.summary).toContain('Harbour Gala');
    expect(event?.description).toContain('Agenda: venue shortlist & budget <b>draft</b>');
    expect(event?.attendees.map((attendee) => attendee.email)).toEqual([owner.user.email]);

    const toClient = await waitForEmail(owner.user.email, /^Booked: your kickoff call about Harbour Gala$/);
    expect(toClient.text).toContain('(Europe/Berlin)');
    expect(toClient.html).not.toContain('<b>draft</b>');
    expect(toClient.html).toContain('&lt;b&gt;draft&lt;/b&gt;');
    await waitForEmail(admin.user.email, /^New booking: /);
    expect(await isOffered(start)).toBe(false);
  });

  it("ticks the engagement's kickoff task once the kickoff is booked", async () => {
    await eventsSettled();
    const current = await api('GET', `/api/orgs/${orgId}/engagements/${engagement.id}`, {
      token: owner.token,
    });
    const tasks = current.json.checklist.flatMap(
      (phase: { tasks: { text: string; status: string }[] }) => phase.tasks,
    );
    expect(tasks.find((task: { text: string }) => task.text === 'Book the kickoff call')?.status).toBe(
      'done',
    );
    expect(current.json.version).toBe(engagement.version + 1);
  });

  it('lets exactly one of two clients racing for one slot win; the other gets 409', async () => {
    const start = at('13:00', 3);
    const results = await Promise.all([book(owner, start), book(member, start)]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    const events = (await standInEvents()).filter(
      (event) => event.start === start && event.status === 'confirmed',
    );
    expect(events).toHaveLength(1);
  });

  it('lists upcoming bookings for the organization and for operator admins, soonest first', async () => {
    const mine = await api('GET', `/api/orgs/${orgId}/bookings?when=upcoming`, { token: member.token });
    expect(mine.json.items.map((item: BookingView) => item.start)).toEqual([at('12:00', 3), at('13:00', 3)]);
    const all = await api('GET', '/api/bookings', { token: admin.token });
    expect(all.json.items.map((item: BookingView) => item.id)).toContain(kickoff.id);
    const otherOwner = await signInAs('owner', 'northwind-events');
    const foreign = await api('GET', `/api/orgs/${orgId}/bookings`, { token: otherOwner.token });
    expect(foreign.status).toBe(404);
  });
});

describe('when Google fails', () => {
  const faults = [
    { name: 'a 503 on insert', fault: { operation: 'events.insert', status: 503 } },
    // A 403 earns one refresh and one retry from the client library before it counts.
    { name: 'a 403 on insert', fault: { operation: 'events.insert', status: 403, count: 2 } },
    { name: 'a 500 on free/busy', fault: { operation: 'freeBusy', status: 500 } },
    // Token refreshes are retried three times by the library; a fourth failure counts.
    { name: 'a refresh that keeps failing with 503', fault: { operation: 'token', status: 503, count: 4 } },
  ];

  it.each(faults)('$name gives a clear error and strands no claim', async ({ fault }) => {
    const start = at('15:00', 4);
    if (fault.operation === 'token') await google('POST', '/expire-access-tokens');
    await google('POST', '/faults', { count: 1, ...fault });
    const failed = await book(owner, start);
    expect(failed.status, failed.text).toBe(503);
    expect(failed.json.type).toMatch(/calendar-unavailable$/);
    expect(failed.json.detail).toMatch(/Nothing was changed/);
    expect(await isOffered(start)).toBe(true);
    // The slot really is free again: booking it now works, then it is cancelled for the next case.
    const retried = await book(owner, start);
    expect(retried.status, retried.text).toBe(201);
    const cancelled = await api('POST', `/api/orgs/${orgId}/bookings/${retried.json.id}/cancel`, {
      token: owner.token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
  });

  it('a timeout releases the claim, and a late insert that reached Google is removed by the next sync', async () => {
    const start = at('16:00', 4);
    await google('POST', '/faults', { operation: 'events.insert', delayMs: 2500, count: 1 });
    const failed = await book(owner, start);
    expect(failed.status).toBe(503);
    expect(failed.json.type).toMatch(/calendar-unavailable$/);
    expect(await isOffered(start)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await runSync();
    const stranded = (await standInEvents()).filter(
      (event) => event.start === start && event.status === 'confirmed',
    );
    expect(stranded).toEqual([]);
  });

  it('an expired access token is refreshed and the booking goes through', async () => {
    await google('POST', '/expire-access-tokens');
    const booked = await book(owner, at('17:00', 4));
    expect(booked.status, booked.text).toBe(201);
  });
});

describe('cancelling and moving', () => {
  it('moves a booking to another free slot and moves the calendar event with it', async () => {
    const created = await book(owner, at('09:00', 5));
    const moved = await api('PATCH', `/api/orgs/${orgId}/bookings/${created.json.id}`, {
      token: owner.token,
      body: { start: at('09:30', 5) },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({
      start: at('09:30', 5),
      end: at('10:00', 5),
      movedAt: expect.any(String),
    });
    expect((await eventOf(created.json.id))?.start).toBe(at('09:30', 5));
    expect(await isOffered(at('09:00', 5))).toBe(true);
    await waitForEmail(owner.user.email, /^Moved: your meeting$/);
  });

  it('cancels a booking, deletes its event and frees the slot', async () => {
    const created = await book(member, at('11:00', 5));
    const cancelled = await api('POST', `/api/orgs/${orgId}/bookings/${created.json.id}/cancel`, {
      token: member.token,
      body: { reason: 'Double-booked on our side' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'Max Member',
      changeable: false,
    });
    expect((await eventOf(created.json.id))?.status).toBe('cancelled');
    expect(await isOffered(at('11:00', 5))).toBe(true);
    await waitForEmail(member.user.email, /^Cancelled: your meeting$/);
  });

  it('refuses client changes inside the change notice; an operator admin may still change', async () => {
    // The first slot after the one-hour notice starts within two hours: inside the change notice.
    const soonest = (await slotsOn(new Date().toISOString())).days.flatMap((day) => day.slots)[0]!;
    expect(Date.parse(soonest.start) - Date.now()).toBeLessThan(2 * HOUR);
    const created = await book(owner, soonest.start);
    expect(created.status, created.text).toBe(201);
    expect(created.json.changeable).toBe(false);
    const tooLate = await api('POST', `/api/orgs/${orgId}/bookings/${created.json.id}/cancel`, {
      token: owner.token,
      body: {},
    });
    expect(tooLate.status).toBe(409);
    expect(tooLate.json.type).toMatch(/change-notice-passed$/);
    const byAdmin = await api('POST', `/api/orgs/${orgId}/bookings/${created.json.id}/cancel`, {
      token: admin.token,
      body: {},
    });
    expect(byAdmin.status).toBe(200);
  });
});

describe('two-way sync', () => {
  it('follows an event moved in Google Calendar and tells the client', async () => {
    const created = await book(owner, at('14:00', 6));
    await runSync();
    const event = await eventOf(created.json.id);
    await google('PATCH', `/events/${encodeURIComponent(account)}/${event!.id}`, {
      start: at('15:30', 6),
      end: at('16:00', 6),
    });
    await runSync();
    const list = await api('GET', `/api/orgs/${orgId}/bookings`, { token: owner.token });
    expect(list.json.items.find((item: BookingView) => item.id === created.json.id)).toMatchObject({
      start: at('15:30', 6),
      end: at('16:00', 6),
      status: 'confirmed',
    });
    await waitForMessage(owner.user.email, /^Moved: your meeting$/, 'The agency moved');
  });

  it('cancels a booking whose event was deleted in Google Calendar and tells the client', async () => {
    const created = await book(owner, at('18:00', 6));
    await runSync();
    const event = await eventOf(created.json.id);
    await google('DELETE', `/events/${encodeURIComponent(account)}/${event!.id}`);
    await runSync();
    const list = await api('GET', `/api/orgs/${orgId}/bookings`, { token: owner.token });
    expect(list.json.items.find((item: BookingView) => item.id === created.json.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'Google Calendar',
    });
    await waitForMessage(owner.user.email, /^Cancelled: your meeting$/, 'cancelled by the agency');
    expect(await isOffered(at('18:00', 6))).toBe(true);
  });
});

describe('when Google revokes access', () => {
  it('pauses booking, shows the admin the revoked state, emails them once, and reconnecting resumes', async () => {
    await google('POST', '/revoke-all');
    const first = await api('GET', `/api/orgs/${orgId}/booking/slots`, { token: owner.token });
    expect(first.json).toMatchObject({ availability: 'paused', days: [] });
    const second = await book(owner, at('10:00', 7));
    expect(second.status).toBe(503);
    expect(second.json.type).toMatch(/booking-paused$/);
    const status = await api('GET', '/api/booking/connection', { token: admin.token });
    expect(status.json).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });

    await waitForEmail(admin.user.email, /^Booking is paused: reconnect Google Calendar$/);
    await eventsSettled();
    const outbox = (await (await fetch(`${stack().url}/_local/outbox.json`)).json()) as { subject: string }[];
    expect(outbox.filter((message) => message.subject.startsWith('Booking is paused'))).toHaveLength(1);

    await connect(admin);
    const resumed = await api('GET', `/api/orgs/${orgId}/booking/slots`, { token: owner.token });
    expect(resumed.json.availability).toBe('open');
  });
});

describe('choosing calendars', () => {
  const clientMeetings = 'client-meetings@group.portico.localhost';
  const holidays = 'holidays@group.portico.localhost';

  const trySettings = async (changes: Record<string, unknown>) => {
    const current = await api('GET', '/api/booking/settings', { token: admin.token });
    return api('PUT', '/api/booking/settings', {
      token: admin.token,
      body: { ...testSettings, ...changes, version: current.json.version },
    });
  };

  it('refuses a target or busy calendar the account does not have, or a target it may not write to', async () => {
    const before = await api('GET', '/api/booking/settings', { token: admin.token });
    const unknown = await trySettings({
      targetCalendarId: 'nobody@group.calendar.google.com',
      checkCalendarIds: [holidays, 'gone@group.calendar.google.com'],
    });
    expect(unknown.status, unknown.text).toBe(400);
    expect(unknown.json.errors).toEqual([
      { path: 'targetCalendarId', message: expect.stringContaining('nobody@group.calendar.google.com') },
      { path: 'checkCalendarIds.1', message: expect.stringContaining('gone@group.calendar.google.com') },
    ]);
    const readOnly = await trySettings({ targetCalendarId: holidays });
    expect(readOnly.status, readOnly.text).toBe(400);
    expect(readOnly.json.errors).toEqual([
      { path: 'targetCalendarId', message: expect.stringContaining('may not add events') },
    ]);
    expect((await api('GET', '/api/booking/settings', { token: admin.token })).json).toEqual(before.json);
  });

  it('turns Google not finding the calendar on booking into a clear problem, and strands no claim', async () => {
    const start = at('13:00', 9);
    await google('POST', '/faults', { operation: 'events.insert', status: 404, count: 1 });
    const failed = await book(owner, start);
    expect(failed.status, failed.text).toBe(503);
    expect(failed.json.type).toMatch(/calendar-unavailable$/);
    expect(failed.json.detail).toMatch(/could not find the agency's booking calendar/);
    expect(await isOffered(start)).toBe(true);
  });

  it('after the target changes, sync follows the new calendar and leaves bookings of the old one alone', async () => {
    const inOld = await book(owner, at('09:00', 10));
    expect(inOld.status, inOld.text).toBe(201);
    await runSync();
    expect((await trySettings({ targetCalendarId: clientMeetings })).status).toBe(200);

    const inNew = await book(owner, at('11:00', 10));
    expect(inNew.status, inNew.text).toBe(201);
    expect((await eventOf(inNew.json.id))?.calendarId).toBe(clientMeetings);
    await runSync();
    const event = await eventOf(inNew.json.id);
    await google('PATCH', `/events/${encodeURIComponent(clientMeetings)}/${event!.id}`, {
      start: at('12:00', 10),
      end: at('12:30', 10),
    });
    await runSync();

    const list = await api('GET', `/api/orgs/${orgId}/bookings`, { token: owner.token });
    const byId = (id: string) => list.json.items.find((item: BookingView) => item.id === id);
    expect(byId(inOld.json.id)).toMatchObject({ status: 'confirmed', start: at('09:00', 10) });
    expect(byId(inNew.json.id)).toMatchObject({ status: 'confirmed', start: at('12:00', 10) });
    expect((await trySettings({ targetCalendarId: null })).status).toBe(200);
  });
});

describe('moving a booking', () => {
  it('does not let the booking being moved block the slots next to it with its own buffers', async () => {
    await saveSettings({
      availability: { ...testSettings.availability, bufferBeforeMinutes: 30, bufferAfterMinutes: 30 },
    });
    const created = await book(owner, at('10:00', 11));
    expect(created.status, created.text).toBe(201);
    const date = at('10:00', 11).slice(0, 10);
    const starts = async (query: string) =>
      (
        await api('GET', `/api/orgs/${orgId}/booking/slots?from=${date}&days=1${query}`, {
          token: owner.token,
        })
      ).json.days.flatMap((day: { slots: { start: string }[] }) => day.slots.map((slot) => slot.start));

    expect(await starts('')).not.toContain(at('10:30', 11));
    const whileMoving = await starts(`&moving=${created.json.id}`);
    expect(whileMoving).toEqual(expect.arrayContaining([at('09:30', 11), at('10:30', 11)]));

    const moved = await api('PATCH', `/api/orgs/${orgId}/bookings/${created.json.id}`, {
      token: owner.token,
      body: { start: at('10:30', 11) },
    });
    expect(moved.status, moved.text).toBe(200);
    await saveSettings();
  });

  it("answers 404 for moving slots of another organization's booking", async () => {
    const other = await signInAs('owner', 'northwind-events');
    const response = await api(
      'GET',
      `/api/orgs/${other.user.orgId}/booking/slots?moving=01J00000000000000000000000`,
      { token: other.token },
    );
    expect(response.status, response.text).toBe(404);
  });
});
