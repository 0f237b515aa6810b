import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { postToMany } from './send';

const management = mockClient(ApiGatewayManagementApiClient);

const gone = () => new GoneException({ message: 'gone', $metadata: { httpStatusCode: 410 } });

beforeEach(() => management.reset());

describe('posting to many connections', () => {
  it('hands only the connection that answered 410 to onGone while the others still receive', async () => {
    // Prepare: "stale" is a connection whose $disconnect never arrived.
    management.on(PostToConnectionCommand).resolves({});
    management.on(PostToConnectionCommand, { ConnectionId: 'stale' }).rejects(gone());
    const removed: string[] = [];

    // Act: the sender ("sender") posts to the whole room, itself included.
    const result = await postToMany(
      ['sender', 'stale', 'other'],
      { type: 'room.message' },
      {
        onGone: async (connectionId) => {
          removed.push(connectionId);
        },
      },
    );

    // Assess
    expect(removed).toEqual(['stale']);
    expect(result).toEqual({ delivered: 2, gone: ['stale'], failed: 0 });
    const targets = management
      .commandCalls(PostToConnectionCommand)
      .map((call) => call.args[0].input.ConnectionId);
    expect(targets.sort()).toEqual(['other', 'sender', 'stale']);
  });

  it('keeps going when a post fails for another reason, and removes nobody for it', async () => {
    management.on(PostToConnectionCommand).resolves({});
    management.on(PostToConnectionCommand, { ConnectionId: 'flaky' }).rejects(new Error('socket hang up'));
    const removed: string[] = [];

    const result = await postToMany(
      ['flaky', 'fine'],
      { type: 'x' },
      { onGone: async (id) => void removed.push(id) },
    );

    expect(result).toEqual({ delivered: 1, gone: [], failed: 1 });
    expect(removed).toEqual([]);
  });

  it('never has more posts in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    management.on(PostToConnectionCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return {};
    });
    const ids = Array.from({ length: 50 }, (_, index) => `c${index}`);

    const result = await postToMany(ids, { type: 'x' }, { concurrency: 8 });

    expect(result.delivered).toBe(50);
    expect(peak).toBe(8);
  });

  it('serializes the frame once as JSON bytes', async () => {
    management.on(PostToConnectionCommand).resolves({});

    await postToMany(['a'], { type: 'room.message', text: 'héllo 👋' });

    const data = management.commandCalls(PostToConnectionCommand)[0]!.args[0].input.Data as Uint8Array;
    expect(JSON.parse(new TextDecoder().decode(data))).toEqual({ type: 'room.message', text: 'héllo 👋' });
  });
});
