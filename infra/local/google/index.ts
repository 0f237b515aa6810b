import type { IncomingHttpHeaders } from 'node:http';
import { LocalCalendar } from './calendar';
import { GoogleControls } from './controls';
import { LocalGmail } from './gmail';
import { apiErrorResponse, GoogleApiError, notFound, oauthError } from './http';
import { LocalGoogleOAuth } from './oauth';
import { LocalSheets } from './sheets';
import { type LocalGoogleOptions, localGoogleClientId, localGoogleClientSecret } from './state';
import { GoogleStore } from './store';
import { parseJson } from './values';

export {
  type GoogleFault,
  type GoogleOperation,
  googleOperations,
  type LocalGoogleOptions,
  localGoogleAccount,
  localGoogleClientId,
  localGoogleClientSecret,
} from './state';

/**
 * A local stand-in for Google OAuth 2.0 and the parts of Calendar v3, Gmail v1 and Sheets v4 that Portico
 * uses, speaking the wire format of `google-auth-library` and `@googleapis/calendar`, so booking and the
 * organizations' Google Workspace work end to end without a Google account. Developers and tests steer it
 * through `/_local/google` (see `handle`).
 *
 * | path                                              | what                                        |
 * | ------------------------------------------------- | ------------------------------------------- |
 * | GET  /_google/o/oauth2/v2/auth                     | consent page (authorization code + PKCE)    |
 * | POST /_google/o/oauth2/v2/auth/decision            | Allow / Deny → 302 to the redirect URI      |
 * | POST /_google/token                                | authorization_code and refresh_token grants |
 * | POST /_google/revoke                               | revokes a refresh or access token           |
 * | /calendar/v3/… and /_google/calendar/v3/…          | calendarList, freeBusy, events              |
 * | POST /gmail/v1/users/me/messages/send (and /_google/…) | Gmail send: the message is kept, not delivered |
 * | POST /v4/spreadsheets/<id>/values/<range>:append (and /_google/…) | Sheets append: rows are kept |
 *
 * The Calendar client resolves its API paths against the root URL's origin, so with
 * `rootUrl: <gateway>/_google/` it calls `<gateway>/calendar/v3/…`; both spellings are served, for Gmail
 * and Sheets too.
 *
 * The consent page signs in as any address typed there (default: `login_hint`, else
 * {@link localGoogleAccount}); a grant, its tokens and what it sends belong to that account. The calendars
 * are the same whichever account asks.
 */

/** True for every path `LocalGoogle.handle` answers, so the gateway can route them there. */
export const isLocalGooglePath = (path: string): boolean =>
  path.startsWith('/_google/') ||
  path.startsWith('/calendar/v3/') ||
  path.startsWith('/gmail/v1/') ||
  path.startsWith('/v4/spreadsheets/') ||
  path === '/_local/google' ||
  path.startsWith('/_local/google/');

/**
 * The variables that point the handlers at the stand-in, unless real Google credentials are configured
 * (`GOOGLE_OAUTH_CLIENT` holding another client), which then pass through alone.
 */
export const googleEnvironment = (
  gatewayUrl: string,
  configured: string | undefined = process.env.GOOGLE_OAUTH_CLIENT,
): Record<string, string> => {
  // A previous local cloud in this process leaves the stand-in's own client behind: not real credentials.
  if (configured && parseJson(configured)?.clientId !== localGoogleClientId)
    return { GOOGLE_OAUTH_CLIENT: configured };
  return {
    GOOGLE_OAUTH_CLIENT: JSON.stringify({
      clientId: localGoogleClientId,
      clientSecret: localGoogleClientSecret,
    }),
    GOOGLE_API_ROOT: `${gatewayUrl}/_google/`,
    GOOGLE_OAUTH_AUTH_URL: `${gatewayUrl}/_google/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${gatewayUrl}/_google/token`,
    GOOGLE_OAUTH_REVOKE_URL: `${gatewayUrl}/_google/revoke`,
    GOOGLE_STAND_IN: '1',
  };
};

export class LocalGoogle {
  private readonly store: GoogleStore;
  private readonly oauth: LocalGoogleOAuth;
  private readonly calendar: LocalCalendar;
  private readonly gmail: LocalGmail;
  private readonly sheets: LocalSheets;
  private readonly controls: GoogleControls;

  constructor(file?: string, options: LocalGoogleOptions = {}) {
    this.store = new GoogleStore(file, options);
    this.oauth = new LocalGoogleOAuth(this.store);
    this.calendar = new LocalCalendar(this.store, this.oauth);
    this.gmail = new LocalGmail(this.store, this.oauth);
    this.sheets = new LocalSheets(this.store, this.oauth);
    this.controls = new GoogleControls(this.store, this.calendar, this.sheets, () => this.reset());
  }

  /**
   * Answers every path `isLocalGooglePath` accepts: the OAuth endpoints, Calendar v3, and the
   * developer controls under `/_local/google`:
   *
   * - `GET /_local/google` (HTML), `GET /_local/google/state.json`
   * - `POST /_local/google/events` `{calendarId?, summary, start, end}`; `PATCH` / `DELETE`
   *   `/_local/google/events/<calendarId>/<eventId>`: changes as if made in Google's own UI
   * - `POST /_local/google/revoke-all` (`{account?}`), `POST /_local/google/expire-access-tokens`
   * - `POST /_local/google/spreadsheets/<id>/sheets` `{title, account?}`: adds a sheet (tab)
   * - `POST /_local/google/faults` `{operation, status?, delayMs?, count?}`, `DELETE /_local/google/faults`
   * - `POST /_local/google/invalidate-sync-tokens`, `POST /_local/google/seed`, `POST /_local/google/reset`
   */
  async handle(
    method: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const path = url.pathname;
    try {
      if (path === '/_local/google' || path.startsWith('/_local/google/'))
        return this.controls.handle(method, path.slice('/_local/google'.length), headers, body);
      const apiPath = /^(?:\/_google)?\/calendar\/v3(\/.*)$/.exec(path)?.[1];
      if (apiPath !== undefined) return await this.calendar.handle(method, apiPath, url, headers, body);
      const gmailPath = /^(?:\/_google)?\/gmail\/v1(\/.*)$/.exec(path)?.[1];
      if (gmailPath !== undefined) return await this.gmail.handle(method, gmailPath, headers, body);
      const sheetsPath = /^(?:\/_google)?\/v4\/spreadsheets(\/.*)$/.exec(path)?.[1];
      if (sheetsPath !== undefined) return await this.sheets.handle(method, sheetsPath, url, headers, body);
      if (path === '/_google/o/oauth2/v2/auth')
        return method === 'GET'
          ? this.oauth.consentPage(url.searchParams)
          : this.oauth.authErrorPage(405, 'Use GET.');
      if (path === '/_google/o/oauth2/v2/auth/decision')
        return method === 'POST'
          ? this.oauth.decide(new URLSearchParams(body.toString('utf8')))
          : this.oauth.authErrorPage(405, 'Use POST.');
      if (path === '/_google/token') {
        if (method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST.');
        return (await this.store.fault('token')) ?? this.oauth.token(headers, body);
      }
      if (path === '/_google/revoke') return this.oauth.revoke(url, body);
      throw notFound();
    } catch (error) {
      if (error instanceof GoogleApiError) return apiErrorResponse(error);
      throw error;
    }
  }

  /**
   * Adds plausible busy time to the primary calendar over the next three weeks (see `LocalCalendar`).
   * Returns how many events were added.
   */
  seedDemo(now: Date): number {
    return this.calendar.seedDemo(now);
  }

  /** Forgets every event, token and fault, and answers delayed requests at once. */
  reset(): void {
    this.store.reset();
  }

  /** Answers delayed requests at once, so the server holding them can close. */
  close(): void {
    this.store.settlePending();
  }
}
