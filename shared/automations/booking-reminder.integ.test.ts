import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import type { StepView } from './contracts';

/**
 * Appointment Helper for booked calls: booking.created queues a reminder, the tick sends it, a cancelled
 * booking cancels it. The operator's calendar is one for the whole deployment, so this file connects the
 * Google stand-in and opens availability around the clock first, like the booking tests do.
 */

let admin: Session;
let owner: Session;
let orgId: string;

const HOUR = 3_600_000;

const decodeHtml = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** Consent as the admin on the stand-in's page, then the callback: the calendar is connected. */
const connectCalendar = async () => {
  const started = await api('POST', '/api/booking/connection/authorize', { token: admin.token });
  expect(started.status, started.text).toBe(200);
  const page = await (await fetch(started.json.authorizationUrl)).text();
  const fields = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      decodeHtml(m[1]!),
      decodeHtml(m[2]!),
    ]),
  );
  const decided = await fetch(`${stack().url}/_google/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    body: new URLSearchParams({ ...fields, decision: 'allow' }),
    redirect: 'manual',
  });
  const back = new URL(decided.headers.get('location')!);
  const connected = await api('POST', '/api/booking/connection/callback', {
    token: admin.token,
    body: { code: back.searchParams.get('code'), state: back.searchParams.get('state') },
  });
  expect(connected.status, connected.text).toBe(200);
};

beforeAll(async () => {
  admin = await signInAs('admin');
  await fetch(`${stack().url}/_local/google/reset`, { method: 'POST' });
  await api('DELETE', '/api/booking/connection', { token: admin.token });
  await connectCalendar();
  const settings = await api('GET', '/api/booking/settings', { token: admin.token });
  const saved = await api('PUT', '/api/booking/settings', {
    token: admin.token,
    body: {
      version: settings.json.version,
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
    },
  });
  expect(saved.status, saved.text).toBe(200);
  const org = await createOrganization(admin.token, `Reminder Org ${uniqueSuffix()}`);
  orgId = org.id;
  owner = await inviteAndAccept(admin.token, {
    email: `booker-${uniqueSuffix()}@client.test`,
    name: 'Bea Booker',
    role: 'owner',
    orgId,
  });
  const current = await api('GET', `/api/orgs/${orgId}/automations`, { token: admin.token });
  const enabled = await api('PATCH', `/api/orgs/${orgId}/automations`, {
    token: admin.token,
    body: {
      version: current.json.version,
      appointmentHelper: { enabled: true, reminderMinutesBefore: 60, jobs: false, bookings: true },
    },
  });
  expect(enabled.status, enabled.text).toBe(200);
});

/** A UTC instant `days` from today at `time`. */
const at = (time: string, days: number) =>
  `${new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10)}T${time}:00.000Z`;

const reminderOf = async (bookingId: string, status = 'queued') => {
  const steps = await api('GET', `/api/orgs/${orgId}/automation-steps?status=${status}&limit=100`, {
    token: owner.token,
  });
  return (steps.json.items as StepView[]).find((step) => step.bookingId === bookingId);
};

describe('Appointment Helper for booked calls', () => {
  it('reminds the booker an hour before the call, and not at all once the booking is cancelled', async () => {
    const booked = await api('POST', `/api/orgs/${orgId}/bookings`, {
      token: owner.token,
      body: { start: at('10:00', 3), notes: '' },
    });
    expect(booked.status, booked.text).toBe(201);
    await eventsSettled();
    // The booking module confirms; the helper adds the reminder.
    await waitForEmail(owner.user.email, /^Booked:/);
    const reminder = await reminderOf(booked.json.id);
    expect(reminder).toMatchObject({ automation: 'appointment-helper', recipient: owner.user.email });
    expect(Date.parse(booked.json.start) - Date.parse(reminder!.dueAt)).toBe(HOUR);

    await fetch(`${stack().url}/_local/schedules/due-work/every-minute?time=${reminder!.dueAt}`, {
      method: 'POST',
    });
    const mail = await waitForEmail(owner.user.email, /^Reminder: your call on/);
    // On the organization's clock (its time zone is Europe/Berlin).
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(booked.json.start));
    expect(mail.text).toContain(`${local} (Europe/Berlin)`);

    const other = await api('POST', `/api/orgs/${orgId}/bookings`, {
      token: owner.token,
      body: { start: at('14:00', 4), notes: '' },
    });
    expect(other.status, other.text).toBe(201);
    await eventsSettled();
    expect(await reminderOf(other.json.id)).toBeDefined();
    const cancelled = await api('POST', `/api/orgs/${orgId}/bookings/${other.json.id}/cancel`, {
      token: owner.token,
      body: {},
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    await eventsSettled();
    expect(await reminderOf(other.json.id)).toBeUndefined();
    expect((await reminderOf(other.json.id, 'cancelled'))?.reason).toBe('The booking was cancelled');
  });
});
