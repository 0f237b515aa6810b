import type { GoogleConfig } from './config';
import { classifyGoogleError, GoogleRequestRefusedError, GoogleUnavailableError } from './errors';
import { apiUrl, authorizedClient, requestOptions } from './oauth';

/**
 * The two Google Workspace calls automations make for an organization, as plain REST through the OAuth
 * client's `request()` (it adds the access token and refreshes it, once more after a 401): Gmail
 * `users.messages.send` and Sheets `spreadsheets.values.append`. The googleapis project's per-API
 * packages (`@googleapis/gmail`, `@googleapis/sheets`) would do the same; two calls do not need them.
 * No automatic retry: a failed run is retried as a whole, and neither call is idempotent.
 */

export const gmailSendScope = 'https://www.googleapis.com/auth/gmail.send';
export const sheetsScope = 'https://www.googleapis.com/auth/spreadsheets';

/**
 * What an organization's consent asks for: sending mail and writing to its sheets, and (`openid email`)
 * which account that is, to show it and to send from it.
 */
export const workspaceScopes = ['openid', 'email', gmailSendScope, sheetsScope] as const;

/** The scopes a connection cannot work without (Google reports `email` under another name). */
export const requiredWorkspaceScopes = [gmailSendScope, sheetsScope] as const;

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
    if (classified instanceof GoogleUnavailableError && response?.status === 400)
      throw new GoogleRequestRefusedError(apiMessage(response.data) ?? 'bad request');
    throw classified;
  }
};

export interface AppendedRow {
  /** e.g. `Leads!A7:H7`. */
  readonly updatedRange: string | null;
}

/** Gmail and Sheets acting for one organization's grant. */
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
  };
};

export type WorkspaceClient = ReturnType<typeof connectWorkspace>;
