import { describe, expect, it } from 'vitest';
import {
  apiReason,
  base,
  clientMeetings,
  connect,
  control,
  event,
  failure,
  holidays,
  serveStandIn,
} from './harness';
import { localGoogleAccount } from './index';

serveStandIn();

describe('LocalGoogle Calendar v3', () => {
  it('lists the primary, a second owned and a read-only calendar', async () => {
    const { api } = await connect();
    const { data } = await api.calendarList.list();
    expect(data.items?.map((c) => [c.id, c.summary, c.accessRole, c.primary ?? false])).toEqual([
      [localGoogleAccount, 'Operator (local)', 'owner', true],
      [clientMeetings, 'Client meetings (local)', 'owner', false],
      [holidays, 'Holidays (local)', 'reader', false],
    ]);
    expect(data.items?.[0]?.timeZone).toBe('Europe/Berlin');
    const writable = await api.calendarList.list({ minAccessRole: 'writer' });
    expect(writable.data.items).toHaveLength(2);
  });

  it('answers the documented API path under /_google/ as well as the one the client resolves', async () => {
    const { tokens } = await connect();
    const response = await fetch(`${base}/_google/calendar/v3/users/me/calendarList/primary`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: localGoogleAccount, primary: true });
  });

  it('answers 401 in Google’s error shape without a valid access token', async () => {
    const response = await fetch(`${base}/calendar/v3/users/me/calendarList`, {
      headers: { authorization: 'Bearer ya29.nothing' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials.',
        errors: [
          {
            message: 'Invalid Credentials',
            domain: 'global',
            reason: 'authError',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
        status: 'UNAUTHENTICATED',
      },
    });
  });

  it('refuses a call the granted scopes do not cover', async () => {
    const { api } = await connect({}, { scope: ['https://www.googleapis.com/auth/calendar.events'] });
    const error = await failure(api.calendarList.list());
    expect(error.status).toBe(403);
    expect(apiReason(error)).toBe('insufficientPermissions');
  });

  it('reports busy time clipped to the window, without cancelled or transparent events', async () => {
    const { api } = await connect();
    const add = (calendarId: string, summary: string, start: string, end: string, extra = {}) =>
      control('POST', '/events', { calendarId, summary, start, end, ...extra });
    await add(localGoogleAccount, 'Early', '2030-05-06T08:00:00Z', '2030-05-06T09:30:00Z');
    await add(localGoogleAccount, 'Client call', '2030-05-06T10:00:00Z', '2030-05-06T11:00:00Z');
    await add(localGoogleAccount, 'Overlapping', '2030-05-06T10:30:00Z', '2030-05-06T11:30:00Z');
    const cancelled = await add(
      localGoogleAccount,
      'Cancelled',
      '2030-05-06T12:00:00Z',
      '2030-05-06T13:00:00Z',
    );
    await control('DELETE', `/events/${localGoogleAccount}/${cancelled.body.id}`);
    await add(localGoogleAccount, 'Reminder', '2030-05-06T14:00:00Z', '2030-05-06T15:00:00Z', {
      transparency: 'transparent',
    });
    await add(clientMeetings, 'Workshop', '2030-05-06T15:00:00Z', '2030-05-06T18:00:00Z');

    const { data } = await api.freebusy.query({
      requestBody: {
        timeMin: '2030-05-06T09:00:00Z',
        timeMax: '2030-05-06T17:00:00Z',
        items: [{ id: 'primary' }, { id: clientMeetings }, { id: 'nobody@example.com' }],
      },
    });
    expect(data.kind).toBe('calendar#freeBusy');
    expect(data.calendars).toEqual({
      primary: {
        busy: [
          { start: '2030-05-06T09:00:00Z', end: '2030-05-06T09:30:00Z' },
          { start: '2030-05-06T10:00:00Z', end: '2030-05-06T11:30:00Z' },
        ],
      },
      [clientMeetings]: { busy: [{ start: '2030-05-06T15:00:00Z', end: '2030-05-06T17:00:00Z' }] },
      'nobody@example.com': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
    });
  });

  it('inserts, reads, patches, updates and deletes an event through the real client', async () => {
    const { api } = await connect();
    const inserted = await api.events.insert({
      calendarId: 'primary',
      sendUpdates: 'all',
      requestBody: {
        ...event('Site survey with Ada', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z'),
        description: 'Booked through Portico',
        location: 'Main Street 1',
        attendees: [{ email: 'ada@example.com', displayName: 'Ada' }],
        extendedProperties: { private: { porticoBookingId: 'B1' } },
      },
    });
    const id = inserted.data.id!;
    expect(inserted.status).toBe(200);
    expect(inserted.data).toMatchObject({
      status: 'confirmed',
      summary: 'Site survey with Ada',
      // Times come back in the calendar's zone, as at Google.
      start: { dateTime: '2030-01-15T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: [{ email: 'ada@example.com', displayName: 'Ada', responseStatus: 'needsAction' }],
      organizer: { email: localGoogleAccount, self: true },
      sequence: 0,
    });
    expect(inserted.data).toHaveProperty('etag');
    expect(inserted.data).toHaveProperty('htmlLink');
    expect(inserted.data).toHaveProperty('iCalUID');

    const patched = await api.events.patch({
      calendarId: 'primary',
      eventId: id,
      sendUpdates: 'all',
      requestBody: {
        start: { dateTime: '2030-01-15T11:00:00Z', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2030-01-15T12:00:00Z', timeZone: 'Europe/Berlin' },
        extendedProperties: { private: { porticoRevision: '2' } },
      },
    });
    expect(patched.data).toMatchObject({
      summary: 'Site survey with Ada',
      description: 'Booked through Portico',
      start: { dateTime: '2030-01-15T12:00:00+01:00' },
      extendedProperties: { private: { porticoBookingId: 'B1', porticoRevision: '2' } },
      sequence: 1,
    });

    const found = await api.events.list({
      calendarId: 'primary',
      privateExtendedProperty: ['porticoBookingId=B1'],
    });
    expect(found.data.items?.map((e) => e.id)).toEqual([id]);

    const updated = await api.events.update({
      calendarId: 'primary',
      eventId: id,
      requestBody: event('Site survey', '2030-01-15T11:00:00Z', '2030-01-15T12:00:00Z'),
    });
    expect(updated.data.summary).toBe('Site survey');
    expect(updated.data.description).toBeUndefined();

    const deleted = await api.events.delete({ calendarId: 'primary', eventId: id, sendUpdates: 'all' });
    expect(deleted.status).toBe(204);
    expect((await api.events.get({ calendarId: 'primary', eventId: id })).data.status).toBe('cancelled');
    const again = await failure(api.events.delete({ calendarId: 'primary', eventId: id }));
    expect(again.status).toBe(410);
    expect(apiReason(again)).toBe('deleted');
    const unknown = await failure(api.events.get({ calendarId: 'primary', eventId: 'nosuchevent' }));
    expect(unknown.status).toBe(404);
  });

  it('keeps client-chosen event ids unique and refuses writes to a read-only calendar', async () => {
    const { api } = await connect();
    const requestBody = {
      ...event('Call', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z'),
      id: 'portico0booking1',
    };
    await api.events.insert({ calendarId: 'primary', requestBody });
    const duplicate = await failure(api.events.insert({ calendarId: 'primary', requestBody }));
    expect(duplicate.status).toBe(409);
    expect(apiReason(duplicate)).toBe('duplicate');
    const invalid = await failure(
      api.events.insert({ calendarId: 'primary', requestBody: { ...requestBody, id: 'Not-Base32' } }),
    );
    expect(invalid.status).toBe(400);
    const readOnly = await failure(
      api.events.insert({
        calendarId: holidays,
        requestBody: event('x', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z'),
      }),
    );
    expect(readOnly.status).toBe(403);
    expect(apiReason(readOnly)).toBe('requiredAccessLevel');
    const backwards = await failure(
      api.events.insert({
        calendarId: 'primary',
        requestBody: event('x', '2030-01-15T10:00:00Z', '2030-01-15T09:00:00Z'),
      }),
    );
    expect(apiReason(backwards)).toBe('timeRangeEmpty');
  });

  it('returns only events changed since a sync token, deleted ones as cancelled', async () => {
    const { api } = await connect();
    const a = await api.events.insert({
      calendarId: 'primary',
      requestBody: event('Moves', '2030-02-01T09:00:00Z', '2030-02-01T10:00:00Z'),
    });
    const b = await api.events.insert({
      calendarId: 'primary',
      requestBody: event('Goes away', '2030-02-02T09:00:00Z', '2030-02-02T10:00:00Z'),
    });
    await api.events.insert({
      calendarId: 'primary',
      requestBody: event('Stays', '2030-02-03T09:00:00Z', '2030-02-03T10:00:00Z'),
    });
    const full = await api.events.list({
      calendarId: 'primary',
      timeMin: '2030-01-01T00:00:00Z',
      showDeleted: true,
      singleEvents: true,
    });
    expect(full.data.items).toHaveLength(3);
    const syncToken = full.data.nextSyncToken!;
    expect(syncToken).toBeTruthy();

    // The operator moves one event and deletes another in Google's own UI.
    expect(
      (
        await control('PATCH', `/events/${localGoogleAccount}/${a.data.id}`, {
          start: '2030-02-01T13:00:00Z',
          end: '2030-02-01T14:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect((await control('DELETE', `/events/${localGoogleAccount}/${b.data.id}`)).status).toBe(204);

    const changes = await api.events.list({ calendarId: 'primary', syncToken, singleEvents: true });
    expect(changes.data.items?.map((e) => [e.id, e.status])).toEqual([
      [a.data.id, 'confirmed'],
      [b.data.id, 'cancelled'],
    ]);
    expect(new Date(changes.data.items![0]!.start!.dateTime!).toISOString()).toBe('2030-02-01T13:00:00.000Z');
    const next = changes.data.nextSyncToken!;
    expect((await api.events.list({ calendarId: 'primary', syncToken: next })).data.items).toEqual([]);

    const bad = await failure(api.events.list({ calendarId: 'primary', syncToken: 'not-a-token' }));
    expect(bad.status).toBe(410);
    expect(apiReason(bad)).toBe('fullSyncRequired');
    const withWindow = await failure(
      api.events.list({ calendarId: 'primary', syncToken: next, timeMin: '2030-01-01T00:00:00Z' }),
    );
    expect(withWindow.status).toBe(400);
    await control('POST', '/invalidate-sync-tokens');
    expect((await failure(api.events.list({ calendarId: 'primary', syncToken: next }))).status).toBe(410);
  });

  it('pages a long list and gives the sync token on the last page only', async () => {
    const { api } = await connect();
    for (let day = 1; day <= 5; day++)
      await control('POST', '/events', {
        summary: `Day ${day}`,
        start: `2030-03-0${day}T09:00:00Z`,
        end: `2030-03-0${day}T10:00:00Z`,
      });
    const summaries: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    let syncToken: string | null | undefined;
    do {
      const { data } = await api.events.list({ calendarId: 'primary', maxResults: 2, pageToken });
      pages++;
      summaries.push(...(data.items ?? []).map((e) => e.summary!));
      pageToken = data.nextPageToken ?? undefined;
      syncToken = data.nextSyncToken;
      expect(Boolean(pageToken) !== Boolean(syncToken)).toBe(true);
    } while (pageToken);
    expect(pages).toBe(3);
    expect(summaries).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5']);
  });
});
