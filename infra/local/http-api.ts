import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FunctionDefinition } from '../../functions/manifest';
import { httpRoutes } from '../../functions/manifest';
import type { RouteDefinition } from '../../shared/http/route';

interface CompiledRoute {
  readonly fn: FunctionDefinition;
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: string[];
}

/** API Gateway matches literal segments before `{params}`; sorting by literal count mimics that. */
const compiled: CompiledRoute[] = httpRoutes
  .map(({ fn, route }) => {
    const names: string[] = [];
    const source = route.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
    return { fn, route, pattern: new RegExp(`^${source}$`), names };
  })
  .sort((a, b) => a.names.length - b.names.length);

export type MatchResult =
  | { kind: 'route'; fn: FunctionDefinition; route: RouteDefinition; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

export const matchRoute = (method: string, path: string): MatchResult => {
  let pathMatched = false;
  for (const candidate of compiled) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.route.method !== method) continue;
    const pathParameters: Record<string, string> = {};
    candidate.names.forEach((name, index) => {
      pathParameters[name] = decodeURIComponent(match[index + 1]!);
    });
    return { kind: 'route', fn: candidate.fn, route: candidate.route, pathParameters };
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
};

/** The API Gateway HTTP API payload format 2.0 event for one request. */
export const payloadV2Event = (
  request: IncomingMessage,
  body: Buffer,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
) => {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies.push(
        ...String(value)
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = /json|text|x-www-form-urlencoded/.test(headers['content-type'] ?? '') || body.length === 0;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length
      ? { body: isText ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  };
};
