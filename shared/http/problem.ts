import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ProblemError } from './errors';

export const problemTypeUri = (problemType: string) => `/api/docs#problem-${problemType}`;

/** Renders any error as an RFC 9457 response; unknown errors never leak their message or stack. */
export const problemResponse = (error: unknown, instance?: string): APIGatewayProxyStructuredResultV2 => {
  const known = error instanceof ProblemError ? error : undefined;
  const status = known?.status ?? httpStatusOf(error) ?? 500;
  const problemType =
    known?.problemType ?? (status === 404 ? 'not-found' : status === 405 ? 'method-not-allowed' : 'internal');
  const body = {
    type: problemTypeUri(problemType),
    title: known?.title ?? (status >= 500 ? 'Something went wrong on our side' : 'Request failed'),
    status,
    detail: known ? known.message : status >= 500 ? 'The error has been logged.' : 'Request failed',
    ...(instance ? { instance } : {}),
    ...(known?.extensions ?? {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  const retryAfter = known?.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  return { statusCode: status, headers, body: JSON.stringify(body) };
};

/** middy's router throws plain errors with `statusCode` (404 / 405) for unknown paths and methods. */
const httpStatusOf = (error: unknown): number | undefined => {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const status = (error as { statusCode: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return status;
  }
  return undefined;
};
