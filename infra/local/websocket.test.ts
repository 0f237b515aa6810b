import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { FunctionDefinition } from '../../functions/manifest';
import { LocalWebSocketApi, type LocalWebSocketLimits } from './websocket';

const fn = (name: string, wsRoutes: string[]): FunctionDefinition => ({
  name,
  entry: `functions/${name}/handler.ts`,
  description: name,
  wsRoutes,
  permissions: { table: 'read' },
});

interface Invocation {
  readonly fn: string;
  readonly routeKey: string;
  readonly body?: string;
}

/** A gateway around the local WebSocket API whose "functions" record their events and echo the body. */
const startApi = async (functions: FunctionDefinition[], limits?: Partial<LocalWebSocketLimits>) => {
  const invocations: Invocation[] = [];
  let api: LocalWebSocketApi;
  const invoke = async (target: FunctionDefinition, event: unknown) => {
    const { requestContext, body } = event as {
      requestContext: { routeKey: string; connectionId: string };
      body?: string;
    };
    invocations.push({ fn: target.name, routeKey: requestContext.routeKey, body });
    if (requestContext.routeKey === 'explode') throw new Error('boom');
    if (body !== undefined) api.manage('POST', requestContext.connectionId, Buffer.from(`echo:${body}`));
    return { statusCode: 200 };
  };
  api = new LocalWebSocketApi(functions, invoke, () => 'localhost', limits);
  const server: Server = createServer();
  server.on('upgrade', (request, socket, head) => void api.upgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  return {
    api,
    url,
    invocations,
    stop: async () => {
      api.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });

const nextMessage = (socket: WebSocket) =>
  new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));

const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );

/** A text frame whose payload is not UTF-8: ws (rightly) refuses to build one, so it is written raw. */
const invalidUtf8Frame = () => {
  const payload = Buffer.from([0xc3, 0x28]);
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
};

let stopApi: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopApi?.();
  stopApi = undefined;
});

describe('the local WebSocket API', () => {
  it('closes a connection that sends more than 128 KB with 1009 and keeps serving the others', async () => {
    const local = await startApi([fn('realtime', ['$connect', '$disconnect', 'ping'])]);
    stopApi = local.stop;
    const [big, other] = await Promise.all([open(local.url), open(local.url)]);
    const bigClosed = closed(big);
    big.send(JSON.stringify({ action: 'ping', pad: 'x'.repeat(128 * 1024) }));
    expect((await bigClosed).code).toBe(1009);
    const reply = nextMessage(other);
    other.send('{"action":"ping"}');
    expect(await reply).toBe('echo:{"action":"ping"}');
    other.close();
  });

  it('closes a connection that sends invalid UTF-8 with 1007 and keeps serving the others', async () => {
    const local = await startApi([fn('realtime', ['$connect', '$disconnect', 'ping'])]);
    stopApi = local.stop;
    const [bad, other] = await Promise.all([open(local.url), open(local.url)]);
    const badClosed = closed(bad);
    (bad as unknown as { _socket: { write: (data: Buffer) => void } })._socket.write(invalidUtf8Frame());
    expect((await badClosed).code).toBe(1007);
    const reply = nextMessage(other);
    other.send('{"action":"ping"}');
    expect(await reply).toBe('echo:{"action":"ping"}');
    other.close();
  });

  it('refuses binary frames by closing with 1003, without invoking any function', async () => {
    const local = await startApi([fn('realtime', ['$connect', '$disconnect', 'ping'])]);
    stopApi = local.stop;
    const socket = await open(local.url);
    const socketClosed = closed(socket);
    socket.send(Buffer.from('{"action":"ping"}'), { binary: true });
    expect((await socketClosed).code).toBe(1003);
    expect(local.invocations.filter((call) => call.routeKey === 'ping')).toEqual([]);
  });

  it('routes each action to the function that declares it, and unknown ones to $default', async () => {
    const local = await startApi([
      fn('realtime', ['$connect', '$disconnect', 'ping']),
      fn('chat', ['room.send', '$default']),
    ]);
    stopApi = local.stop;
    const socket = await open(local.url);
    for (const body of ['{"action":"ping"}', '{"action":"room.send"}', '{"action":"nope"}', 'not json']) {
      const reply = nextMessage(socket);
      socket.send(body);
      await reply;
    }
    expect(local.invocations.slice(1).map((call) => `${call.fn} ${call.routeKey}`)).toEqual([
      'realtime ping',
      'chat room.send',
      'chat $default',
      'chat $default',
    ]);
    socket.close();
  });

  it('never lets a client call $connect or $disconnect, answering Forbidden without $default', async () => {
    const local = await startApi([fn('realtime', ['$connect', '$disconnect', 'ping'])]);
    stopApi = local.stop;
    const socket = await open(local.url);
    for (const action of ['$connect', '$disconnect', 'launch-rockets']) {
      const reply = nextMessage(socket);
      socket.send(JSON.stringify({ action }));
      expect(JSON.parse(await reply)).toMatchObject({ message: 'Forbidden' });
    }
    expect(local.invocations.map((call) => call.routeKey)).toEqual(['$connect']);
    socket.close();
  });

  it('answers a failing route with an internal server error message, like API Gateway', async () => {
    const local = await startApi([fn('realtime', ['$connect', 'explode'])]);
    stopApi = local.stop;
    const socket = await open(local.url);
    const reply = nextMessage(socket);
    socket.send('{"action":"explode"}');
    expect(JSON.parse(await reply)).toMatchObject({ message: 'Internal server error' });
    socket.close();
  });

  it('closes idle connections and connections past their lifetime with 1001', async () => {
    const idle = await startApi([fn('realtime', ['$connect', '$disconnect', 'ping'])], {
      idleTimeoutMs: 150,
    });
    stopApi = idle.stop;
    const quiet = await open(idle.url);
    expect(await closed(quiet)).toEqual({ code: 1001, reason: 'Idle timeout' });
    await expect
      .poll(() => idle.invocations.map((call) => call.routeKey), { timeout: 1000 })
      .toContain('$disconnect');
    await idle.stop();

    const old = await startApi([fn('realtime', ['$connect', 'ping'])], { maxLifetimeMs: 300 });
    stopApi = old.stop;
    const chatty = await open(old.url);
    const chattyClosed = closed(chatty);
    const timer = setInterval(() => chatty.send('{"action":"ping"}'), 50);
    expect(await chattyClosed).toEqual({ code: 1001, reason: 'Connection lifetime exceeded' });
    clearInterval(timer);
  });

  it('refuses a management post over the message limit and answers 410 for unknown connections', async () => {
    const local = await startApi([fn('realtime', ['$connect', 'ping'])], { maxMessageBytes: 1024 });
    stopApi = local.stop;
    const socket = await open(local.url);
    const reply = nextMessage(socket);
    socket.send('{"action":"ping"}');
    await reply;
    expect(local.api.manage('POST', 'nobody', Buffer.from('hi')).status).toBe(410);
    socket.close();
  });

  it('refuses a manifest that routes one action to two functions', () => {
    expect(
      () =>
        new LocalWebSocketApi(
          [fn('a', ['ping']), fn('b', ['ping'])],
          async () => ({}),
          () => '',
        ),
    ).toThrow('WebSocket route ping belongs to both a and b');
  });
});
