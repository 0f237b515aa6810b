import { calendar_v3 } from '@googleapis/calendar/build/v3';
import type { GoogleConfig } from './config';
import { GoogleNotFoundError, GoogleUnavailableError } from './errors';
import { authorizedClient, callGoogle as call, requestOptions } from './oauth';

/**
 * Portico's only door to Google Calendar: the few Calendar calls booking needs, through the real client
 * libraries (OAuth itself is in `oauth.ts`). Every call has a timeout and no automatic retry (a booker
 * waits for an answer, not for three backoffs); every failure comes out as one of the errors in
 * `errors.ts`. The library refreshes an expired access token by itself,
 * including once after a 401.
 */

/** Free/busy of chosen calendars, read-only calendar list, and events it creates. */
export const calendarScopes = [
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
];

export interface CalendarSummary {
  readonly id: string;
  readonly name: string;
  readonly primary: boolean;
  /** Only calendars the account owns or may write to can receive booking events. */
  readonly canWrite: boolean;
  readonly timeZone: string | null;
}

export interface BusyBlock {
  readonly start: string;
  readonly end: string;
}

export interface CalendarEventInput {
  readonly id?: string;
  readonly summary: string;
  readonly description: string;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly attendees: readonly { email: string; displayName?: string }[];
  readonly privateProperties: Record<string, string>;
}

export interface CalendarEventChange {
  readonly id: string;
  readonly cancelled: boolean;
  readonly start?: string;
  readonly end?: string;
  readonly privateProperties: Record<string, string>;
}

const toChange = (event: calendar_v3.Schema$Event): CalendarEventChange => ({
  id: event.id ?? '',
  cancelled: event.status === 'cancelled',
  start: event.start?.dateTime ? new Date(event.start.dateTime).toISOString() : undefined,
  end: event.end?.dateTime ? new Date(event.end.dateTime).toISOString() : undefined,
  privateProperties: (event.extendedProperties?.private ?? {}) as Record<string, string>,
});

const eventBody = (input: CalendarEventInput): calendar_v3.Schema$Event => ({
  summary: input.summary,
  description: input.description,
  start: { dateTime: input.start, timeZone: input.timeZone },
  end: { dateTime: input.end, timeZone: input.timeZone },
  attendees: input.attendees.map((attendee) => ({ ...attendee })),
  extendedProperties: { private: { ...input.privateProperties } },
  reminders: { useDefault: true },
});

/** A Calendar client acting for the connected account, built from its (decrypted) refresh token. */
export const connectCalendar = (config: GoogleConfig, refreshToken: string) => {
  const auth = authorizedClient(config, refreshToken);
  const api = new calendar_v3.Calendar({ auth, ...(config.apiRoot ? { rootUrl: config.apiRoot } : {}) });

  return {
    listCalendars: async (): Promise<CalendarSummary[]> => {
      const calendars: CalendarSummary[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call(() => api.calendarList.list({ maxResults: 250, pageToken }, requestOptions));
        for (const entry of page.items ?? []) {
          if (!entry.id) continue;
          calendars.push({
            id: entry.id,
            name: entry.summaryOverride ?? entry.summary ?? entry.id,
            primary: entry.primary === true,
            canWrite: entry.accessRole === 'owner' || entry.accessRole === 'writer',
            timeZone: entry.timeZone ?? null,
          });
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
      return calendars;
    },

    /** Busy blocks of the given calendars between two instants, all calendars together. */
    freeBusy: async (
      calendarIds: readonly string[],
      timeMin: string,
      timeMax: string,
    ): Promise<BusyBlock[]> => {
      if (calendarIds.length === 0) return [];
      const result = await call(() =>
        api.freebusy.query(
          { requestBody: { timeMin, timeMax, items: calendarIds.map((id) => ({ id })) } },
          requestOptions,
        ),
      );
      // Google answers 200 with per-calendar errors (a calendar that does not exist, or is not shared):
      // reading those as "no busy time" would offer slots that are not free.
      for (const calendar of Object.values(result.calendars ?? {})) {
        const reason = calendar.errors?.[0]?.reason;
        if (!reason) continue;
        throw reason === 'notFound' ? new GoogleNotFoundError(404) : new GoogleUnavailableError(reason);
      }
      return Object.values(result.calendars ?? {}).flatMap((calendar) =>
        (calendar.busy ?? []).flatMap((block) =>
          block.start && block.end ? [{ start: block.start, end: block.end }] : [],
        ),
      );
    },

    insertEvent: (calendarId: string, input: CalendarEventInput) =>
      call(() =>
        api.events.insert(
          { calendarId, sendUpdates: 'all', requestBody: { ...eventBody(input), id: input.id } },
          requestOptions,
        ),
      ).then(toChange),

    moveEvent: (calendarId: string, eventId: string, start: string, end: string, timeZone: string) =>
      call(() =>
        api.events.patch(
          {
            calendarId,
            eventId,
            sendUpdates: 'all',
            requestBody: { start: { dateTime: start, timeZone }, end: { dateTime: end, timeZone } },
          },
          requestOptions,
        ),
      ).then(toChange),

    /** Deletes an event; one that is already gone counts as deleted. */
    deleteEvent: async (calendarId: string, eventId: string): Promise<void> => {
      try {
        await call(() => api.events.delete({ calendarId, eventId, sendUpdates: 'all' }, requestOptions));
      } catch (error) {
        if (!(error instanceof GoogleNotFoundError)) throw error;
      }
    },

    /**
     * Events changed since `syncToken` (all of them from `since` without one), deleted ones included,
     * and the token for next time. Throws `GoogleSyncTokenExpiredError` when a full sync is needed.
     */
    listChanges: async (
      calendarId: string,
      syncToken: string | undefined,
      since: string,
    ): Promise<{ changes: CalendarEventChange[]; nextSyncToken: string | undefined }> => {
      const changes: CalendarEventChange[] = [];
      let pageToken: string | undefined;
      let nextSyncToken: string | undefined;
      do {
        const page = await call(() =>
          api.events.list(
            {
              calendarId,
              showDeleted: true,
              singleEvents: true,
              maxResults: 250,
              pageToken,
              ...(syncToken ? { syncToken } : { timeMin: since }),
            },
            requestOptions,
          ),
        );
        changes.push(...(page.items ?? []).map(toChange));
        pageToken = page.nextPageToken ?? undefined;
        nextSyncToken = page.nextSyncToken ?? nextSyncToken;
      } while (pageToken);
      return { changes, nextSyncToken };
    },
  };
};

export type CalendarConnection = ReturnType<typeof connectCalendar>;
