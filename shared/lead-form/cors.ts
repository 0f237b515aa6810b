import middy from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import { type HttpEvent, type HttpResult, problemErrors } from '../http/middleware';
import type { RouteBinding } from '../http/module';
import { problemResponse } from '../http/problem';
import { slug as slugSchema } from '../organizations/contracts';
import { idempotencyKeyHeader, replayedHeader } from './protocol';
import { foreignOriginError, forgetRequest, formOfRequest, originVerdict } from './service';

/** What a cross-origin page may read besides the body: the wait after a 429, and whether it was a replay. */
const exposedHeaders = `retry-after, ${replayedHeader}`;

/** The answer to a preflight the route accepted; the middleware adds the allowed origin. */
export const preflightHeaders = (methods: string): Record<string, string> => ({
  'access-control-allow-methods': methods,
  'access-control-allow-headers': `content-type, ${idempotencyKeyHeader}`,
  'access-control-max-age': '600',
});

type Request = middy.Request<HttpEvent, HttpResult>;

/**
 * CORS per organization. API Gateway's CORS settings are one list for the whole API, so the lead form answers
 * it itself: every answer varies by `Origin`, and only an origin the organization allows gets
 * `Access-Control-Allow-Origin` (on errors too, so the embed can show field errors and a 429's wait). A
 * foreign origin's request that failed before its route looked (invalid body) is answered 403 like the rest.
 */
const corsPerOrganization = (): middy.MiddlewareObj<HttpEvent, HttpResult> => {
  const decorate = async (request: Request) => {
    const { event } = request;
    const requestId = event.requestContext.requestId;
    try {
      const response = request.response;
      if (!response) return;
      const headers: Record<string, string | number | boolean> = { ...response.headers, vary: 'Origin' };
      const origin = event.headers.origin;
      const slug = slugSchema.safeParse(event.pathParameters?.slug ?? '');
      if (origin && slug.success) {
        const target = await formOfRequest(requestId, slug.data);
        const verdict = target ? originVerdict(origin, target.org.allowedOrigins) : undefined;
        if (verdict === 'foreign' && response.statusCode !== 403) {
          const refusal = problemResponse(foreignOriginError(), event.rawPath);
          request.response = { ...refusal, headers: { ...refusal.headers, vary: 'Origin' } };
          return;
        }
        if (verdict === 'allowed') {
          headers['access-control-allow-origin'] = origin;
          headers['access-control-expose-headers'] = exposedHeaders;
        }
      }
      request.response = { ...response, headers };
    } finally {
      forgetRequest(requestId);
    }
  };
  return { after: decorate, onError: decorate };
};

/**
 * The lead form's Lambda entry: like `httpModule`, with CORS answered per organization. The CORS middleware
 * comes first, so it runs last and sees every answer, problem details included.
 */
export const leadFormModule = (bindings: readonly RouteBinding[]) => {
  const handler = middy<HttpEvent, HttpResult>(
    httpRouterHandler<HttpEvent, HttpResult>(
      bindings.map(({ route, handler }) => ({ method: route.method, path: route.path, handler })),
    ),
  )
    .use(corsPerOrganization())
    .use(problemErrors());
  return Object.assign(handler, { routes: bindings.map((binding) => binding.route) });
};
