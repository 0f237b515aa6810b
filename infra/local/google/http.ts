import { escapeHtml } from '../../../shared/email/render';
import type { EmulatorResponse } from '../ses';

/** Google's error shapes and the stand-in's responses. */

// ---------------------------------------------------------------------------------------------------
// Errors and responses

export const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A Calendar API error, answered as `{"error":{code,message,errors:[…],status}}`. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
    readonly detail: {
      readonly domain?: string;
      readonly itemMessage?: string;
      readonly location?: string;
      readonly locationType?: string;
    } = {},
  ) {
    super(message);
  }
}

export const invalidCredentials = () =>
  new GoogleApiError(401, 'Request had invalid authentication credentials.', 'authError', {
    itemMessage: 'Invalid Credentials',
    location: 'Authorization',
    locationType: 'header',
  });

/** What an injected fault answers, per status. */
export const faultErrors: Record<number, () => GoogleApiError> = {
  400: () => new GoogleApiError(400, 'Bad Request', 'badRequest'),
  401: invalidCredentials,
  403: () => new GoogleApiError(403, 'Forbidden', 'forbidden'),
  404: () => new GoogleApiError(404, 'Not Found', 'notFound'),
  429: () => new GoogleApiError(429, 'Rate Limit Exceeded', 'rateLimitExceeded', { domain: 'usageLimits' }),
  500: () => new GoogleApiError(500, 'Backend Error', 'backendError'),
  503: () => new GoogleApiError(503, 'The service is currently unavailable.', 'backendError'),
};

/** The token endpoint answers in OAuth's own shape, `{"error":"…","error_description":"…"}`. */
export const tokenFaults: Record<number, [string, string]> = {
  400: ['invalid_grant', 'Token has been expired or revoked.'],
  401: ['invalid_client', 'The OAuth client was not found.'],
  403: ['access_denied', 'Forbidden'],
  404: ['not_found', 'Not Found'],
  429: ['rate_limit_exceeded', 'Rate Limit Exceeded'],
  500: ['internal_failure', 'Backend Error'],
  503: ['temporarily_unavailable', 'The service is currently unavailable.'],
};

export const jsonHeaders = { 'content-type': 'application/json; charset=UTF-8' };

export const json = (
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse => ({
  status,
  headers: { ...jsonHeaders, ...headers },
  body: JSON.stringify(value),
});

export const apiErrorResponse = (error: GoogleApiError): EmulatorResponse => {
  const { domain = 'global', itemMessage, location, locationType } = error.detail;
  const item = {
    message: itemMessage ?? error.message,
    domain,
    reason: error.reason,
    ...(location ? { location, locationType } : {}),
  };
  const status = statusNames[error.status];
  return json(
    error.status,
    { error: { code: error.status, message: error.message, errors: [item], ...(status ? { status } : {}) } },
    error.status === 401
      ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' }
      : {},
  );
};

export const oauthError = (status: number, error: string, description: string): EmulatorResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' });

export const html = (status: number, body: string): EmulatorResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

export const noContent = (): EmulatorResponse => ({ status: 204, headers: {}, body: '' });

export const notFound = () => new GoogleApiError(404, 'Not Found', 'notFound');
export const badRequest = (message: string, reason = 'invalid') => new GoogleApiError(400, message, reason);

export const page = (
  title: string,
  body: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1f2328}
.badge{display:inline-block;background:#fff8c5;border:1px solid #d4a72c;border-radius:999px;padding:4px 12px;font-size:13px}
.meta{color:#57606a;font-weight:normal;font-size:14px}table{border-collapse:collapse;width:100%;margin:8px 0 20px}
td,th{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;font-size:14px;vertical-align:top}
tr.cancelled td{color:#8c959f;text-decoration:line-through}.tag{background:#ddf4ff;border-radius:4px;padding:0 6px;font-size:12px}
.scopes li{margin:8px 0}.buttons{display:flex;gap:12px;justify-content:flex-end;margin-top:24px}
button{font-size:15px;padding:8px 20px;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f6feb}pre{background:#f6f8fa;padding:12px;overflow:auto}</style></head>
<body>${body}</body></html>`;
