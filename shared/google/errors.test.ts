import { describe, expect, it } from 'vitest';
import {
  classifyGoogleError,
  GoogleAccessRevokedError,
  GoogleForbiddenError,
  GoogleNotFoundError,
  GoogleSyncTokenExpiredError,
  GoogleUnavailableError,
} from './errors';

/** Errors shaped like the ones gaxios throws for Google's answers. */
const apiError = (status: number, reason?: string) =>
  Object.assign(new Error(`Request failed with status ${status}`), {
    status,
    response: { status, data: { error: { code: status, errors: reason ? [{ reason }] : [] } } },
  });

describe('classifyGoogleError', () => {
  it('reads a refused refresh token as revoked access', () => {
    const refused = Object.assign(new Error('invalid_grant'), {
      status: 400,
      response: {
        status: 400,
        data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      },
    });
    expect(classifyGoogleError(refused)).toBeInstanceOf(GoogleAccessRevokedError);
  });

  it('reads a 401 that survived the library refresh as revoked access', () => {
    expect(classifyGoogleError(apiError(401))).toBeInstanceOf(GoogleAccessRevokedError);
  });

  it('reads a 403 as forbidden, but a rate-limit 403 as a passing outage', () => {
    expect(classifyGoogleError(apiError(403, 'forbidden'))).toBeInstanceOf(GoogleForbiddenError);
    expect(classifyGoogleError(apiError(403, 'rateLimitExceeded'))).toBeInstanceOf(GoogleUnavailableError);
  });

  it.each([429, 500, 502, 503])('reads %i as Google being unavailable', (status) => {
    expect(classifyGoogleError(apiError(status))).toBeInstanceOf(GoogleUnavailableError);
  });

  it('reads a timeout (an aborted request without a status) as Google being unavailable', () => {
    const aborted = Object.assign(new Error('The operation was aborted.'), {
      cause: Object.assign(new Error('aborted'), { name: 'AbortError' }),
    });
    expect(classifyGoogleError(aborted)).toBeInstanceOf(GoogleUnavailableError);
  });

  it('tells an expired sync token from a deleted resource', () => {
    expect(classifyGoogleError(apiError(410, 'fullSyncRequired'))).toBeInstanceOf(
      GoogleSyncTokenExpiredError,
    );
    expect(classifyGoogleError(apiError(410, 'deleted'))).toBeInstanceOf(GoogleNotFoundError);
    expect(classifyGoogleError(apiError(404, 'notFound'))).toBeInstanceOf(GoogleNotFoundError);
  });

  it('keeps an error it already classified', () => {
    const error = new GoogleForbiddenError('x');
    expect(classifyGoogleError(error)).toBe(error);
  });
});
