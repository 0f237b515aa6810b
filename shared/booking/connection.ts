import type { Principal } from '../auth/policy';
import { appLink } from '../email/links';
import { outboxPut } from '../events/outbox';
import { type CalendarConnection, calendarScopes, connectCalendar } from '../google/calendar';
import { type GoogleConfig, googleConfig } from '../google/config';
import {
  GoogleAccessRevokedError,
  GoogleForbiddenError,
  GoogleNotFoundError,
  GoogleRequestRefusedError,
  GoogleUnavailableError,
} from '../google/errors';
import { grantClients, revokeGrantQuietly, sealRefreshToken } from '../google/grant';
import { exchangeCode } from '../google/oauth';
import { redeemConsent, startConsent } from '../google/oauth-state';
import { BadRequestError, BookingPausedError, CalendarUnavailableError } from '../http/errors';
import { logger } from '../observability/logger';
import type { ConnectionView } from './contracts';
import type { ConnectionItem } from './repository';
import * as repository from './repository';

/**
 * The operator's Google Calendar connection: consent (authorization code + PKCE, with a state bound to
 * the admin who started it), the sealed refresh token, and what happens when Google takes access away.
 */

/** Google sends the admin back to the dashboard, which hands code and state to the API with its token. */
export const redirectUri = appLink('bookingCallback');

export const toConnectionView = (
  config: GoogleConfig | null,
  connection: ConnectionItem | undefined,
): ConnectionView => ({
  status: !config ? 'not-configured' : (connection?.status ?? 'not-connected'),
  account: connection?.account ?? null,
  connectedAt: connection?.connectedAt ?? null,
  connectedBy: connection?.connectedByName ?? null,
  revokedAt: connection?.revokedAt ?? null,
  standIn: config?.standIn ?? false,
  lastSyncAt: connection?.lastSyncAt ?? null,
});

export const getConnectionView = async () =>
  toConnectionView(await googleConfig(), await repository.getConnection());

const requireConfig = async () => {
  const config = await googleConfig();
  if (!config)
    throw new BookingPausedError(
      'Google Calendar is not set up for this deployment: put the OAuth client into its secret first.',
    );
  return config;
};

export const startAuthorization = async (principal: Principal) =>
  startConsent(await requireConfig(), {
    redirectUri,
    scopes: calendarScopes,
    includeGrantedScopes: true,
    binding: { userId: principal.userId, orgId: null },
    stateKey: repository.consentStateKey,
  });

// One Calendar client per container and grant: it keeps its access token between requests.
const calendars = grantClients(connectCalendar, 1);

const calendarFor = (config: GoogleConfig, connection: ConnectionItem) =>
  calendars.get(config, connection.sealedRefreshToken);

export const completeAuthorization = async (principal: Principal, input: { code: string; state: string }) => {
  const config = await requireConfig();
  const state = await redeemConsent(repository.consentStateKey, input.state, {
    userId: principal.userId,
    orgId: null,
  });
  // Expired, replayed, or started by someone else: a stolen callback URL connects nothing.
  if (!state)
    throw new BadRequestError(
      'This authorization has expired or was started by someone else. Please start again.',
    );
  const tokens = await explain(() => exchangeCode(config, state.redirectUri, input.code, state.codeVerifier));
  if (!tokens.refreshToken)
    throw new BadRequestError(
      'Google sent no refresh token. Remove Portico under your Google account access and try again.',
    );
  if (!calendarScopes.every((scope) => tokens.scopes.includes(scope)))
    throw new BadRequestError(
      'Portico needs both calendar permissions. Please allow them on the consent screen.',
    );
  const calendars = await explain(() => connectCalendar(config, tokens.refreshToken!).listCalendars());
  const previous = await repository.getConnection();
  const connection: ConnectionItem = {
    status: 'connected',
    account: calendars.find((calendar) => calendar.primary)?.id ?? null,
    sealedRefreshToken: await sealRefreshToken(tokens.refreshToken),
    scopes: tokens.scopes,
    connectedAt: new Date().toISOString(),
    connectedBy: principal.userId,
    connectedByName: principal.name,
    revokedAt: null,
    syncCalendarId: null,
    syncToken: null,
    lastSyncAt: null,
  };
  await repository.putConnection(connection);
  if (previous?.status === 'connected') await revokeGrantQuietly(config, previous.sealedRefreshToken);
  return {
    view: toConnectionView(config, connection),
    primaryTimeZone: calendars.find((c) => c.primary)?.timeZone,
  };
};

/** Forgets the grant here and, as far as Google answers, there too. */
export const disconnect = async () => {
  const connection = await repository.getConnection();
  if (!connection) return;
  const config = await googleConfig();
  if (config && connection.status === 'connected')
    await revokeGrantQuietly(config, connection.sealedRefreshToken);
  await repository.deleteConnection();
  calendars.forget();
};

/** What Google did, as something a person can act on; anything else (e.g. not found) stays as it is. */
const explainError = (error: unknown): unknown => {
  if (error instanceof GoogleUnavailableError) {
    logger.warn('Google Calendar unavailable', { error });
    return new CalendarUnavailableError(
      'Google Calendar did not answer in time. Nothing was changed; please try again in a minute.',
    );
  }
  if (error instanceof GoogleNotFoundError || error instanceof GoogleRequestRefusedError) {
    logger.warn('Google Calendar does not know the calendar or event', { error });
    return new CalendarUnavailableError(
      "Google Calendar could not find the agency's booking calendar or this meeting's event. Nothing was changed; the agency's admin can choose another calendar in the booking settings.",
    );
  }
  if (error instanceof GoogleForbiddenError) {
    logger.warn('Google Calendar refused a request', { error });
    return new CalendarUnavailableError(
      "Google Calendar refused the request: the connected account may not use the chosen calendar. Nothing was changed; the agency's admin can choose another calendar.",
    );
  }
  return error;
};

/** For the consent flow: a refused code or grant means "start again", not "booking paused". */
const explain = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GoogleAccessRevokedError)
      throw new BadRequestError('Google did not accept the authorization. Please start again.');
    throw explainError(error);
  }
};

const pausedMessage =
  'Booking is paused while the agency reconnects its calendar. Please try again later, or contact the agency.';

/**
 * Runs Calendar work for the connected grant. When Google refuses the grant, the connection turns
 * `revoked` (booking pauses, the admin sees a banner and gets one email) and the caller gets 503.
 */
export const withCalendar = async <T>(
  connection: ConnectionItem | undefined,
  work: (calendar: CalendarConnection) => Promise<T>,
): Promise<T> => {
  const config = await requireConfig();
  if (connection?.status !== 'connected') throw new BookingPausedError(pausedMessage);
  const calendar = await calendarFor(config, connection);
  try {
    return await work(calendar);
  } catch (error) {
    if (error instanceof GoogleAccessRevokedError) {
      await recordRevoked(connection);
      throw new BookingPausedError(pausedMessage);
    }
    throw explainError(error);
  }
};

/** Pauses booking and tells the admin who connected the calendar, once. */
const recordRevoked = async (connection: ConnectionItem) => {
  calendars.forget(connection.sealedRefreshToken);
  const event = outboxPut('calendar.access-revoked', {
    version: 1,
    connectedBy: connection.connectedBy,
    account: connection.account,
  });
  if (await repository.markRevoked(connection.sealedRefreshToken, new Date().toISOString(), event))
    logger.warn('Google revoked the calendar grant; booking is paused');
};

/** The connected account's calendars (for choosing which to check and which receives events). */
export const listCalendars = async () => {
  const connection = await repository.getConnection();
  return withCalendar(connection, (calendar) => calendar.listCalendars());
};
