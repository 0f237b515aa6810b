import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, TooManyRequestsError } from '../http/errors';
import * as z from '../schema/zod';
import { defineAction } from './contracts';
import { bindAction, type WsEvent, wsModule } from './middleware';

const db = mockClient(DynamoDBDocumentClient);
const management = mockClient(ApiGatewayManagementApiClient);

const echo = defineAction(
  'test.echo',
  'Echoes its text',
  { text: z.string().check(z.maxLength(5)) },
  z.object({ text: z.string() }),
);
const failing = defineAction('test.fail', 'Throws what it is told', {
  kind: z.enum(['missing', 'busy', 'bug']),
});

const handler = wsModule({
  fallback: true,
  actions: [
    bindAction(echo, async ({ frame, connection }) => ({ text: `${connection.name}: ${frame.text}` })),
    bindAction(failing, async ({ frame }) => {
      if (frame.kind === 'missing') throw new NotFoundError('No such room');
      if (frame.kind === 'busy') throw new TooManyRequestsError('Slow down', { retryAfterSeconds: 4 });
      throw new Error('secret database detail');
    }),
  ],
});

const context = {
  functionName: 'test',
  awsRequestId: 'r1',
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

const send = async (routeKey: string, body: string) => {
  await handler(
    {
      requestContext: { routeKey, connectionId: 'conn-1', requestId: 'req-1', eventType: 'MESSAGE' },
      body,
    } as WsEvent,
    context,
  );
  const posts = management.commandCalls(PostToConnectionCommand);
  return JSON.parse(new TextDecoder().decode(posts.at(-1)!.args[0].input.Data as Uint8Array));
};

const liveConnection = {
  pk: 'CONN#conn-1#',
  sk: 'CONN#',
  connectionId: 'conn-1',
  userId: '01JZ5ER0000000000000000001',
  orgId: '01J0RG00000000000000000001',
  name: 'Ada',
  connectedAt: '2026-01-01T00:00:00Z',
  topics: {},
  ttl: Math.floor(Date.now() / 1000) + 3600,
};

beforeEach(() => {
  db.reset();
  management.reset();
  db.on(GetCommand).resolves({ Item: liveConnection });
  management.on(PostToConnectionCommand).resolves({});
});

describe('the WebSocket route stack', () => {
  it('answers a valid frame with an ack carrying the client reference and the result', async () => {
    expect(await send('test.echo', '{"action":"test.echo","v":1,"id":"c-7","text":"hi"}')).toEqual({
      type: 'ack',
      action: 'test.echo',
      ref: 'c-7',
      data: { text: 'Ada: hi' },
    });
  });

  it('answers a frame that is not JSON with a validation error', async () => {
    expect(await send('$default', '{nope')).toMatchObject({ type: 'error', code: 'validation' });
  });

  it('answers an unknown action with a validation error naming the action field', async () => {
    expect(await send('$default', '{"action":"launch","id":"c1"}')).toMatchObject({
      type: 'error',
      code: 'validation',
      ref: 'c1',
      fields: [{ path: 'action' }],
    });
  });

  it('lists every bad and unknown field of a wrongly shaped frame', async () => {
    const reply = await send(
      'test.echo',
      '{"action":"test.echo","v":1,"id":"c2","text":"too long","extra":1}',
    );
    expect(reply).toMatchObject({ type: 'error', code: 'validation', ref: 'c2', action: 'test.echo' });
    expect(reply.fields.map((field: { path: string }) => field.path).sort()).toEqual(['extra', 'text']);
  });

  it('refuses a frame of an unsupported version', async () => {
    expect(await send('test.echo', '{"action":"test.echo","v":2,"text":"hi"}')).toMatchObject({
      code: 'validation',
      fields: [{ path: 'v' }],
    });
  });

  it('maps named errors to their codes, with retry-after for rate limits', async () => {
    expect(await send('test.fail', '{"action":"test.fail","v":1,"kind":"missing"}')).toMatchObject({
      code: 'not-found',
      message: 'No such room',
    });
    expect(await send('test.fail', '{"action":"test.fail","v":1,"kind":"busy"}')).toMatchObject({
      code: 'rate-limited',
      retryAfter: 4,
    });
  });

  it('answers an unexpected failure as internal without its cause', async () => {
    const reply = await send('test.fail', '{"action":"test.fail","v":1,"kind":"bug"}');
    expect(reply.code).toBe('internal');
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('treats an expired connection item as absent: refuses the frame and closes the connection', async () => {
    db.on(GetCommand).resolves({ Item: { ...liveConnection, ttl: Math.floor(Date.now() / 1000) - 1 } });

    expect(await send('test.echo', '{"action":"test.echo","v":1,"text":"hi"}')).toMatchObject({
      code: 'forbidden',
    });
    expect(management.commandCalls(DeleteConnectionCommand)[0]!.args[0].input.ConnectionId).toBe('conn-1');
  });

  it('lists the routes it serves, for the manifest to be checked against', () => {
    expect(handler.routes).toEqual(['$default', 'test.echo', 'test.fail']);
  });
});
