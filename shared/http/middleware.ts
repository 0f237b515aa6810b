import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { authenticate } from '../auth/authenticate';
import { authorizeRoute, type Principal } from '../auth/policy';
import { logger } from '../observability/logger';
import type * as z from '../schema/zod';
import { clientIp } from './client-ip';
import { id } from './contracts';
import { parseCookies } from './cookies';
import {
  BadRequestError,
  NotFoundError,
  PayloadTooLargeError,
  ProblemError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors';
import { problemResponse } from './problem';
import {
  type BodyOf,
  isConferenceAccess,
  type ParamsOf,
  pathParamNames,
  type QueryOf,
  type RouteDefinition,
} from './route';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface RequestInfo {
  readonly requestId: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly origin: string | undefined;
  readonly cookies: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface RouteInput<R extends RouteDefinition> {
  readonly body: BodyOf<R>;
  readonly query: QueryOf<R>;
  readonly params: ParamsOf<R>;
  readonly principal: R['access'] extends 'public' ? Principal | undefined : Principal;
  readonly request: RequestInfo;
}

export interface Reply<T> {
  readonly status?: number;
  readonly body?: T;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
}

export type RouteImplementation<R extends RouteDefinition> = (
  input: RouteInput<R>,
) => Promise<Reply<z.input<NonNullable<R['response']>>>>;

interface Parsed {
  json?: unknown;
  principal?: Principal;
  input?: RouteInput<RouteDefinition>;
}
type RouteContext = Context & { portico: Parsed };
type Request = middy.Request<Event, Result, Error, RouteContext>;

const defaultMaxBodyBytes = 16 * 1024;

/** Logs once and renders every error as problem details; 5xx bodies never carry the cause. */
export const problemErrors = (): middy.MiddlewareObj<Event, Result, Error, Context> => ({
  onError: (request) => {
    const { error } = request;
    const known = error instanceof ProblemError || (error as { statusCode?: number })?.statusCode === 404;
    if (known)
      logger.info('Request refused', { status: (error as { status?: number }).status, reason: error?.name });
    else logger.error('Request failed', error as Error);
    request.response = problemResponse(error, request.event.rawPath);
  },
});

const parseJsonBody = (route: RouteDefinition) => ({
  before: (request: Request) => {
    const { event } = request;
    const raw = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';
    const contentType = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (route.formBody) {
      const limit = route.maxBodyBytes ?? defaultMaxBodyBytes;
      if (Buffer.byteLength(raw, 'utf8') > limit)
        throw new PayloadTooLargeError(`Send at most ${limit} bytes`);
      if (
        raw.trim() !== '' &&
        !['application/x-www-form-urlencoded', 'multipart/form-data'].includes(contentType)
      )
        throw new UnsupportedMediaTypeError('Send the body as a form');
      request.context.portico.json =
        contentType === 'application/x-www-form-urlencoded'
          ? Object.fromEntries(new URLSearchParams(raw))
          : {};
      return;
    }
    if (!route.body) {
      if (raw.trim() !== '') throw new BadRequestError('This request takes no body');
      return;
    }
    const limit = route.maxBodyBytes ?? defaultMaxBodyBytes;
    if (Buffer.byteLength(raw, 'utf8') > limit) throw new PayloadTooLargeError(`Send at most ${limit} bytes`);
    if (contentType !== 'application/json')
      throw new UnsupportedMediaTypeError('Send the body as application/json');
    try {
      request.context.portico.json = JSON.parse(raw);
    } catch {
      throw new BadRequestError('The body is not valid JSON');
    }
  },
});

/** The conference of a `conference-*` path, when its ids are well-formed (else validation answers 404). */
const conferenceScope = (route: RouteDefinition, event: Event) => {
  if (!isConferenceAccess(route.access)) return undefined;
  const orgId = id.safeParse(event.pathParameters?.orgId);
  const conferenceId = id.safeParse(event.pathParameters?.conferenceId);
  return orgId.success && conferenceId.success
    ? { orgId: orgId.data, conferenceId: conferenceId.data }
    : undefined;
};

const authenticateCaller = (route: RouteDefinition) => ({
  before: async (request: Request) => {
    request.context.portico = {};
    if (route.access === 'public') return;
    request.context.portico.principal = await authenticate(
      request.event.headers.authorization,
      conferenceScope(route, request.event),
    );
  },
});

const fieldErrors = (error: z.core.$ZodError, prefix = '') =>
  error.issues.flatMap((issue) => {
    const path = (extra: string[] = []) =>
      [prefix, ...issue.path.map(String), ...extra].filter(Boolean).join('.');
    // Name each unknown field, so the client sees which one to drop.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: path([key]), message: 'Unknown field' }));
    return [{ path: path(), message: issue.message }];
  });

/** Path parameters that fail their schema cannot name anything that exists: 404, not 400. */
const validateInput = (route: RouteDefinition) => {
  const ulidParams = pathParamNames(route.path);
  return {
    before: (request: Request) => {
      const { event } = request;
      const state = request.context.portico;
      const rawParams = event.pathParameters ?? {};
      let params: Record<string, string>;
      if (route.params) {
        const parsed = route.params.safeParse(rawParams);
        if (!parsed.success) throw new NotFoundError();
        params = parsed.data as Record<string, string>;
      } else {
        params = {};
        for (const name of ulidParams) {
          const parsed = id.safeParse(rawParams[name]);
          if (!parsed.success) throw new NotFoundError();
          params[name] = parsed.data;
        }
      }
      if (state.principal) authorizeRoute(route.access, state.principal, params);

      let query: unknown;
      const rawQuery = event.queryStringParameters ?? {};
      if (route.query) {
        const parsed = route.query.safeParse(rawQuery);
        if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error, 'query'));
        query = parsed.data;
      }
      let body: unknown;
      if (route.body) {
        const parsed = route.body.safeParse(state.json);
        if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
        body = parsed.data;
      }
      state.input = {
        body,
        query,
        params,
        principal: state.principal,
        request: requestInfo(event),
      } as RouteInput<RouteDefinition>;
    },
  };
};

const requestInfo = (event: Event): RequestInfo => ({
  requestId: event.requestContext.requestId,
  ip: clientIp(event),
  userAgent: event.requestContext.http.userAgent ?? '',
  origin: event.headers.origin,
  cookies: parseCookies(event.cookies ?? []),
  headers: event.headers,
});

const render = (route: RouteDefinition, reply: Reply<unknown>): Result => {
  const status = reply.status ?? route.status ?? (reply.body === undefined ? 204 : 200);
  // A route that sets its own non-JSON content type (an HTML page) sends its string body as is.
  const contentType = reply.headers?.['content-type'];
  if (typeof reply.body === 'string' && contentType && !contentType.includes('json')) {
    return {
      statusCode: status,
      headers: { 'cache-control': 'no-store', ...reply.headers },
      body: reply.body,
    };
  }
  return {
    statusCode: status,
    headers: {
      'cache-control': 'no-store',
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    },
    ...(reply.cookies ? { cookies: reply.cookies } : {}),
    ...(reply.body === undefined ? {} : { body: JSON.stringify(reply.body) }),
  };
};

/**
 * One route as a Lambda handler. The middleware order is the contract: logging, error mapping,
 * authentication, body parsing, then authorization and zod validation; the route sees only valid input.
 */
export const httpRoute = <R extends RouteDefinition>(route: R, implementation: RouteImplementation<R>) =>
  middy<Event, Result, Error, RouteContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemErrors() as unknown as middy.MiddlewareObj<Event, Result, Error, RouteContext>)
    // Authentication before parsing: an anonymous caller's body is never even read.
    .use(authenticateCaller(route))
    .use(parseJsonBody(route))
    .use(validateInput(route))
    .handler(async (_event, context) =>
      render(route, await implementation(context.portico.input as unknown as RouteInput<R>)),
    );

export type { Event as HttpEvent, Result as HttpResult };
