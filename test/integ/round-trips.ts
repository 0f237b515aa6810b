import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { inject } from 'vitest';
import { matchRoute } from '../../infra/local/http-api';
import { recordRoundTrips } from '../round-trip-recorder';
import { stack } from './api';

/** The DESIGN budget: at most this many DynamoDB round trips per API request. */
export const roundTripBudget = 3;

export interface Measured {
  readonly status: number;
  /** Commands sent while none was in flight start a round trip; commands sent side by side share one. */
  readonly roundTrips: number;
  readonly commands: readonly string[];
  readonly body: unknown;
}

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyResultV2>;

/**
 * The configuration the run's local cloud gives its functions (the same table, bus and endpoints), for
 * code run outside it: in this process, or a bundle in a process of its own.
 */
export const functionEnvironment = () => ({
  TABLE_NAME: 'portico',
  DYNAMODB_ENDPOINT: stack().endpoints.dynamodb,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  EVENT_BUS_NAME: 'portico',
  EVENTS_ENDPOINT: stack().url,
  SES_ENDPOINT: stack().url,
  WS_MANAGEMENT_ENDPOINT: stack().url,
  APP_URL: stack().url,
  MAIL_FROM: 'Portico <no-reply@portico.localhost>',
  // Functions other than identity verify with the public key only.
  JWT_PUBLIC_JWK: JSON.stringify({ ...JSON.parse(inject('jwtPrivateJwk')), d: undefined }),
});

let configured = false;
/**
 * Lets this process talk to the run's local cloud as its functions do, so a test can import modules that
 * read their configuration when they load and call them in-process.
 */
export const configureAsFunction = () => {
  if (configured) return;
  configured = true;
  Object.assign(process.env, functionEnvironment());
};

const context = (name: string): Context => ({
  awsRequestId: randomUUID(),
  functionName: `portico-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:portico-${name}`,
  memoryLimitInMB: '512',
  logGroupName: `/aws/lambda/portico-${name}`,
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/**
 * Runs one API request through its function's real handler in this process (the manifest's route, the
 * whole middleware stack: authentication, validation, policy, service) and counts the DynamoDB round trips
 * it takes on the function's own client, as `bench/lead-form.ts` does.
 */
export const measureRequest = async (
  method: string,
  path: string,
  options: { readonly token: string; readonly body?: unknown },
): Promise<Measured> => {
  configureAsFunction();
  const [rawPath, rawQuery = ''] = path.split('?') as [string, string?];
  const match = matchRoute(method, rawPath);
  if (match.kind !== 'route') throw new Error(`No route ${method} ${rawPath}`);
  const { dynamo } = await import('../../shared/aws/dynamo');
  const { handler } = (await import(pathToFileURL(resolve(match.fn.entry)).href)) as { handler: Handler };
  const query = Object.fromEntries(new URLSearchParams(rawQuery));
  const routeKey = `${match.route.method} ${match.route.path}`;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const event = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: rawQuery,
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'local',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'round-trips' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
  };

  const recorder = recordRoundTrips(dynamo);
  try {
    const result = await handler(event, context(match.fn.name));
    const response = typeof result === 'string' ? { statusCode: 200, body: result } : result;
    const text = response.body ?? '';
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return {
      status: response.statusCode ?? 200,
      roundTrips: recorder.trips().length,
      commands: recorder.commands(),
      body: parsed,
    };
  } finally {
    recorder.stop();
  }
};
