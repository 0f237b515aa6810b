import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { FunctionDefinition } from '../../functions/manifest';
import type { EmulatorResponse } from './ses';

type Invoke = (fn: FunctionDefinition, event: unknown) => Promise<unknown>;

/** API Gateway's WebSocket quotas; tests shorten the timeouts so nobody waits ten minutes. */
export interface LocalWebSocketLimits {
  /** Largest message a client may send (API Gateway: 128 KB) and the management API may post. */
  readonly maxMessageBytes: number;
  /** A connection without a message in or out for this long is closed (API Gateway: 10 minutes). */
  readonly idleTimeoutMs: number;
  /** No connection lives longer than this (API Gateway: 2 hours). */
  readonly maxLifetimeMs: number;
}

export const apiGatewayLimits: LocalWebSocketLimits = {
  maxMessageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxLifetimeMs: 2 * 60 * 60 * 1000,
};

/** Close codes as API Gateway and RFC 6455 use them. */
const closeCodes = { goingAway: 1001, unsupportedData: 1003, invalidPayload: 1007, tooBig: 1009 };

interface Connection {
  readonly socket: WebSocket;
  readonly connectedAt: Date;
  lastActiveAt: Date;
  idleTimer?: NodeJS.Timeout;
  lifetimeTimer?: NodeJS.Timeout;
}

/** Route key → function, over every manifest function with WebSocket routes; a key routed twice is an error. */
export const webSocketRouteTable = (
  functions: readonly FunctionDefinition[],
): ReadonlyMap<string, FunctionDefinition> => {
  const routes = new Map<string, FunctionDefinition>();
  for (const fn of functions)
    for (const routeKey of fn.wsRoutes ?? []) {
      const taken = routes.get(routeKey);
      if (taken) throw new Error(`WebSocket route ${routeKey} belongs to both ${taken.name} and ${fn.name}`);
      routes.set(routeKey, fn);
    }
  return routes;
};

/**
 * The WebSocket API: upgrades `/ws`, calls `$connect` / `$disconnect` / action routes of whichever manifest
 * function declares them, and serves the `@connections` management API the SDK posts to. Whatever a
 * client sends, only its own connection is affected.
 */
export class LocalWebSocketApi {
  private readonly limits: LocalWebSocketLimits;
  private readonly server: WebSocketServer;
  private readonly connections = new Map<string, Connection>();
  private readonly routes: ReadonlyMap<string, FunctionDefinition>;

  constructor(
    functions: readonly FunctionDefinition[],
    private readonly invoke: Invoke,
    private readonly domainName: () => string,
    limits: Partial<LocalWebSocketLimits> = {},
  ) {
    this.limits = { ...apiGatewayLimits, ...limits };
    this.server = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxMessageBytes });
    this.routes = webSocketRouteTable(functions);
  }

  private event(
    routeKey: string,
    eventType: string,
    connectionId: string,
    extra: Record<string, unknown> = {},
  ) {
    return {
      requestContext: {
        routeKey,
        eventType,
        connectionId,
        domainName: this.domainName(),
        stage: 'local',
        apiId: 'local',
        requestId: randomUUID(),
        connectedAt: this.connections.get(connectionId)?.connectedAt.getTime() ?? Date.now(),
        requestTimeEpoch: Date.now(),
        messageDirection: 'IN',
      },
      isBase64Encoded: false,
      ...extra,
    };
  }

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const connect = this.routes.get('$connect');
    if (!connect && this.routes.size === 0) return void socket.destroy();
    // A socket dropped during $connect must not raise an unhandled error.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://local');
    const connectionId = randomBytes(12).toString('base64url');
    if (connect) {
      const result = (await this.invoke(
        connect,
        this.event('$connect', 'CONNECT', connectionId, {
          headers: request.headers,
          queryStringParameters: Object.fromEntries(url.searchParams),
        }),
      ).catch(() => ({ statusCode: 500 }))) as { statusCode?: number } | undefined;
      const status = result?.statusCode ?? 200;
      if (status < 200 || status > 299) {
        socket.end(
          `HTTP/1.1 ${status === 401 ? '401 Unauthorized' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`,
        );
        return;
      }
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(connectionId, ws));
  }

  private accept(connectionId: string, ws: WebSocket): void {
    const now = new Date();
    const connection: Connection = { socket: ws, connectedAt: now, lastActiveAt: now };
    this.connections.set(connectionId, connection);
    connection.lifetimeTimer = setTimeout(
      () => ws.close(closeCodes.goingAway, 'Connection lifetime exceeded'),
      this.limits.maxLifetimeMs,
    );
    this.touch(connection);
    // ws closes the socket itself (1009 too big, 1007 invalid UTF-8) and then reports the error here;
    // without a listener the error would take the whole local cloud down.
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(closeCodes.unsupportedData, 'Binary frames are not supported');
      this.touch(connection);
      void this.message(connectionId, String(data));
    });
    ws.on('close', () => {
      clearTimeout(connection.idleTimer);
      clearTimeout(connection.lifetimeTimer);
      this.connections.delete(connectionId);
      const disconnect = this.routes.get('$disconnect');
      if (disconnect)
        void this.invoke(disconnect, this.event('$disconnect', 'DISCONNECT', connectionId)).catch(
          () => undefined,
        );
    });
  }

  private touch(connection: Connection): void {
    connection.lastActiveAt = new Date();
    clearTimeout(connection.idleTimer);
    connection.idleTimer = setTimeout(
      () => connection.socket.close(closeCodes.goingAway, 'Idle timeout'),
      this.limits.idleTimeoutMs,
    );
  }

  /**
   * Route selection `$request.body.action`, falling back to `$default` when some function has one. The
   * `$connect` / `$disconnect` routes are the gateway's own: a client naming them gets `$default` too.
   */
  private async message(connectionId: string, body: string): Promise<void> {
    let action: unknown;
    try {
      action = (JSON.parse(body) as { action?: unknown } | null)?.action;
    } catch {
      action = undefined;
    }
    const routeKey =
      typeof action === 'string' && !action.startsWith('$') && this.routes.has(action)
        ? action
        : this.routes.has('$default')
          ? '$default'
          : undefined;
    const requestId = randomUUID();
    const reply = (message: string) =>
      this.connections.get(connectionId)?.socket.send(JSON.stringify({ message, connectionId, requestId }));
    if (!routeKey) return reply('Forbidden');
    try {
      await this.invoke(this.routes.get(routeKey)!, this.event(routeKey, 'MESSAGE', connectionId, { body }));
    } catch {
      reply('Internal server error');
    }
  }

  /** `POST|GET|DELETE /@connections/{id}` as API Gateway's management API answers them. */
  manage(method: string, connectionId: string, body: Buffer): EmulatorResponse {
    const connection = this.connections.get(connectionId);
    if (!connection || connection.socket.readyState !== WebSocket.OPEN) {
      return {
        status: 410,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' },
        body: JSON.stringify({ message: `Connection ${connectionId} is gone` }),
      };
    }
    if (method === 'POST') {
      if (body.length > this.limits.maxMessageBytes)
        return {
          status: 413,
          headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'PayloadTooLargeException' },
          body: JSON.stringify({ message: 'Message too long' }),
        };
      this.touch(connection);
      connection.socket.send(body.toString('utf8'));
      return { status: 200, headers: {}, body: '' };
    }
    if (method === 'DELETE') {
      connection.socket.close(1000);
      return { status: 204, headers: {}, body: '' };
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        connectedAt: connection.connectedAt.toISOString(),
        lastActiveAt: connection.lastActiveAt.toISOString(),
        identity: { sourceIp: '127.0.0.1' },
      }),
    };
  }

  close(): void {
    for (const { socket, idleTimer, lifetimeTimer } of this.connections.values()) {
      clearTimeout(idleTimer);
      clearTimeout(lifetimeTimer);
      socket.terminate();
    }
    this.server.close();
  }
}
