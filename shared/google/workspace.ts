import type { GoogleConfig } from './config';
import {
  classifyGoogleError,
  GoogleNotFoundError,
  GoogleRequestRefusedError,
  GoogleUnavailableError,
} from './errors';
import { apiUrl, authorizedClient, requestOptions } from './oauth';

/**
 * The Google Workspace calls automations make for an organization, as plain REST through the OAuth
 * client's `request()` (it adds the access token and refreshes it, once more after a 401): Gmail
 * `users.messages.send`, Sheets `spreadsheets.values.append` and Calendar `events.insert` / `events.patch`.
 * The googleapis project's per-API packages (`@googleapis/gmail`, `@googleapis/sheets`, and
 * `@googleapis/calendar`, which booking uses) would do the same; a few calls do not need them in the
 * automation functions' bundle. No automatic retry: a failed run is retried as a whole.
 */

export {
  calendarEventsScope,
  gmailSendScope,
  requiredWorkspaceScopes,
  sheetsScope,
  workspaceScopes,
} from './scopes';

const apiMessage = (data: unknown): string | undefined => {
  const message = (data as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message.slice(0, 300) : undefined;
};

/**
 * As every Google call's failures are classified, and a 400 of the API (a refused message, a range that
 * does not exist) says what Google refused instead of counting as "not answering".
 */
const call = async <T>(request: () => Promise<{ data: T }>): Promise<T> => {
  try {
    return (await request()).data;
  } catch (error) {
    const classified = classifyGoogleError(error);
    const response = (error as { response?: { status?: number; data?: unknown } }).response;
    if (response?.status === 409) throw new EventExistsError();
    if (classified instanceof GoogleUnavailableError && response?.status === 400)
      throw new GoogleRequestRefusedError(apiMessage(response.data) ?? 'bad request');
    throw classified;
  }
};

/** Calendar's 409 `duplicate`: an event with the id Portico chose is there already. */
class EventExistsError extends Error {}

export interface AppendedRow {
  /** e.g. `Leads!A7:H7`. */
  readonly updatedRange: string | null;
}

/** An event of the account's primary calendar, as Portico writes it. */
export interface WorkspaceEvent {
  /** Chosen by Portico (base32hex), so the same appointment is always the same event. */
  readonly id: string;
  readonly summary: string;
  readonly location: string;
  readonly description: string;
  /** ISO-8601 instants; `timeZone` is the one the event is shown and repeated in. */
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
}

/** Gmail, Sheets and Calendar acting for one organization's grant. */
export const connectWorkspace = (config: GoogleConfig, refreshToken: string) => {
  const auth = authorizedClient(config, refreshToken);
  return {
    /** Sends a complete MIME message (RFC 5322) as the connected account; returns Gmail's message id. */
    sendMail: async (mime: string): Promise<string> => {
      const sent = await call(() =>
        auth.request<{ id?: string }>({
          ...requestOptions,
          url: apiUrl(config, 'gmail', 'gmail/v1/users/me/messages/send'),
          method: 'POST',
          data: { raw: Buffer.from(mime, 'utf8').toString('base64url') },
        }),
      );
      return sent.id ?? '';
    },

    /**
     * Appends one row after the table found in `range` (a sheet name or A1 range). Values are stored as
     * given (`RAW`): a lead's "=HYPERLINK(…)" stays text, never a formula.
     */
    appendRow: async (
      spreadsheetId: string,
      range: string,
      values: readonly string[],
    ): Promise<AppendedRow> => {
      const path = `v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values/${encodeURIComponent(range)}:append`;
      const result = await call(() =>
        auth.request<{ updates?: { updatedRange?: string } }>({
          ...requestOptions,
          url: apiUrl(config, 'sheets', path),
          method: 'POST',
          params: { valueInputOption: 'RAW', insertDataOption: 'INSERT_ROWS' },
          data: { majorDimension: 'ROWS', values: [values] },
        }),
      );
      return { updatedRange: result.updates?.updatedRange ?? null };
    },

    /**
     * Puts the event into the primary calendar under its id: inserted the first time, patched after that
     * (a retried insert, or a moved appointment, meets Google's 409 `duplicate`). The patch also confirms
     * it again, should it have been cancelled. Throws `GoogleNotFoundError` when the event was deleted
     * for good at Google.
     */
    putEvent: async (event: WorkspaceEvent): Promise<'inserted' | 'updated'> => {
      const { id, start, end, timeZone, ...text } = event;
      const body = {
        ...text,
        start: { dateTime: start, timeZone },
        end: { dateTime: end, timeZone },
        status: 'confirmed',
      };
      const events = apiUrl(config, 'calendar', 'calendar/v3/calendars/primary/events');
      try {
        await call(() =>
          auth.request({ ...requestOptions, url: events, method: 'POST', data: { id, ...body } }),
        );
        return 'inserted';
      } catch (error) {
        if (!(error instanceof EventExistsError)) throw error;
      }
      await call(() =>
        auth.request({
          ...requestOptions,
          url: `${events}/${encodeURIComponent(id)}`,
          method: 'PATCH',
          data: body,
        }),
      );
      return 'updated';
    },

    /** Deletes an event from the primary calendar; one already gone counts as deleted. */
    removeEvent: async (id: string): Promise<void> => {
      const events = apiUrl(config, 'calendar', 'calendar/v3/calendars/primary/events');
      try {
        await call(() =>
          auth.request({ ...requestOptions, url: `${events}/${encodeURIComponent(id)}`, method: 'DELETE' }),
        );
      } catch (error) {
        if (!(error instanceof GoogleNotFoundError)) throw error;
      }
    },
  };
};

export type WorkspaceClient = ReturnType<typeof connectWorkspace>;
