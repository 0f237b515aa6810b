import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { FunctionDefinition } from '../../functions/manifest';
import type { EmulatorResponse } from './ses';

type Invoke = (fn: FunctionDefinition, event: unknown) => Promise<unknown>;

/**
 * The WebSocket API: upgrades `/ws`, calls `$connect` / `$disconnect` / action routes of the manifest's
 * realtime function, and serves the `@connections` management API the SDK posts to.
 */
export class LocalWebSocketApi {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });
  private readonly sockets = new Map<string, WebSocket>();
  private readonly fn: FunctionDefinition | undefined;

  constructor(
    functions: readonly FunctionDefinition[],
    private readonly invoke: Invoke,
    private readonly domainName: () => string,
  ) {
    this.fn = functions.find((candidate) => (candidate.wsRoutes ?? []).length > 0);
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
        connectedAt: Date.now(),
        requestTimeEpoch: Date.now(),
        messageDirection: 'IN',
      },
      isBase64Encoded: false,
      ...extra,
    };
  }

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const fn = this.fn;
    if (!fn) return void socket.destroy();
    const url = new URL(request.url ?? '/', 'http://local');
    const connectionId = randomBytes(12).toString('base64url');
    const result = (await this.invoke(
      fn,
      this.event('$connect', 'CONNECT', connectionId, {
        headers: request.headers,
        queryStringParameters: Object.fromEntries(url.searchParams),
      }),
    ).catch(() => ({ statusCode: 500 }))) as { statusCode?: number };
    if (result?.statusCode !== 200) {
      socket.end(
        `HTTP/1.1 ${result?.statusCode === 401 ? '401 Unauthorized' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => {
      this.sockets.set(connectionId, ws);
      ws.on('message', (data) => void this.message(fn, connectionId, String(data)));
      ws.on('close', () => {
        this.sockets.delete(connectionId);
        void this.invoke(fn, this.event('$disconnect', 'DISCONNECT', connectionId)).catch(() => undefined);
      });
    });
  }

  /** Route selection `$request.body.action`, falling back to `$default` when the function has one. */
  private async message(fn: FunctionDefinition, connectionId: string, body: string): Promise<void> {
    let action: unknown;
    try {
      action = (JSON.parse(body) as { action?: unknown }).action;
    } catch {
      action = undefined;
    }
    const routes = fn.wsRoutes ?? [];
    const routeKey =
      typeof action === 'string' && routes.includes(action)
        ? action
        : routes.includes('$default')
          ? '$default'
          : undefined;
    const socket = this.sockets.get(connectionId);
    if (!routeKey) {
      socket?.send(JSON.stringify({ message: 'Forbidden', connectionId }));
      return;
    }
    try {
      await this.invoke(fn, this.event(routeKey, 'MESSAGE', connectionId, { body }));
    } catch {
      socket?.send(JSON.stringify({ message: 'Internal server error', connectionId }));
    }
  }

  /** `POST|GET|DELETE /@connections/{id}` as API Gateway's management API answers them. */
  manage(method: string, connectionId: string, body: Buffer): EmulatorResponse {
    const socket = this.sockets.get(connectionId);
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return {
        status: 410,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' },
        body: JSON.stringify({ message: `Connection ${connectionId} is gone` }),
      };
    }
    if (method === 'POST') {
      socket.send(body.toString('utf8'));
      return { status: 200, headers: {}, body: '' };
    }
    if (method === 'DELETE') {
      socket.close(1000);
      return { status: 204, headers: {}, body: '' };
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ connectedAt: new Date().toISOString(), identity: { sourceIp: '127.0.0.1' } }),
    };
  }

  close(): void {
    for (const socket of this.sockets.values()) socket.terminate();
    this.server.close();
  }
}
