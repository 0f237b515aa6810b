export class GoogleError extends Error {}

/** The refresh token is revoked or expired (`invalid_grant`), or Google keeps refusing our credentials. */
export class GoogleAccessRevokedError extends GoogleError {
  constructor(detail: string) {
    super(`Google access was revoked: ${detail}`);
    this.name = 'GoogleAccessRevokedError';
  }
}

/** 403: the connected account may not do this (e.g. write to a read-only calendar). */
export class GoogleForbiddenError extends GoogleError {
  constructor(detail: string) {
    super(`Google refused the request: ${detail}`);
    this.name = 'GoogleForbiddenError';
  }
}

/** The resource is gone at Google (404 / 410), e.g. an event deleted there. */
export class GoogleNotFoundError extends GoogleError {
  constructor(readonly status: number) {
    super(`Google says the resource does not exist (${status})`);
    this.name = 'GoogleNotFoundError';
  }
}

/** A sync token Google no longer accepts: start a full sync. */
export class GoogleSyncTokenExpiredError extends GoogleError {
  constructor() {
    super('Google asks for a full sync');
    this.name = 'GoogleSyncTokenExpiredError';
  }
}

/** 400: Google understood the request and refused what it asked for (e.g. a sheet range that does not exist). */
export class GoogleRequestRefusedError extends GoogleError {
  constructor(detail: string) {
    super(`Google refused the request: ${detail}`);
    this.name = 'GoogleRequestRefusedError';
  }
}

/** Timeouts, network failures, 429 and 5xx: worth trying again later. */
export class GoogleUnavailableError extends GoogleError {
  constructor(detail: string) {
    super(`Google is not answering: ${detail}`);
    this.name = 'GoogleUnavailableError';
  }
}

interface ClientErrorShape {
  readonly name?: string;
  readonly code?: string | number;
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly status?: number; readonly data?: unknown };
}

const oauthError = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string'
    ? (data as { error: string }).error
    : undefined;

const apiReason = (data: unknown): string | undefined => {
  const error = (data as { error?: { errors?: { reason?: string }[] } } | undefined)?.error;
  return typeof error === 'object' ? error?.errors?.[0]?.reason : undefined;
};

/** Turns whatever `google-auth-library` / gaxios threw into one of the errors above. */
export const classifyGoogleError = (error: unknown): GoogleError => {
  if (error instanceof GoogleError) return error;
  const shape = (error ?? {}) as ClientErrorShape;
  const status = shape.response?.status ?? shape.status;
  const data = shape.response?.data;
  const message = shape.message ?? String(error);
  // The token endpoint answers 400 `{"error":"invalid_grant"}` for a revoked or expired refresh token.
  if (oauthError(data) === 'invalid_grant' || /invalid_grant/.test(message))
    return new GoogleAccessRevokedError('invalid_grant');
  if (oauthError(data) === 'invalid_client') return new GoogleAccessRevokedError('invalid_client');
  // The client library already refreshed once on a 401; a second 401 means the grant is no good.
  if (status === 401) return new GoogleAccessRevokedError('unauthorized');
  if (
    status === 403 &&
    apiReason(data) !== 'rateLimitExceeded' &&
    apiReason(data) !== 'userRateLimitExceeded'
  )
    return new GoogleForbiddenError(apiReason(data) ?? 'forbidden');
  if (status === 410 && apiReason(data) === 'fullSyncRequired') return new GoogleSyncTokenExpiredError();
  if (status === 404 || status === 410) return new GoogleNotFoundError(status);
  if (status === undefined || status === 403 || status === 408 || status === 429 || status >= 500)
    return new GoogleUnavailableError(status ? `status ${status}` : (shape.name ?? 'network error'));
  return new GoogleUnavailableError(`unexpected status ${status}`);
};
