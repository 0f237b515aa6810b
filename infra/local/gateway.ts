import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clock } from '../../shared/db/clock';
import {
  BadRequestError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
} from '../../shared/http/errors';
import { problemResponse } from '../../shared/http/problem';
import type { BusFault, LocalEventBus } from './event-bus';
import { isLocalGooglePath, type LocalGoogle } from './google';
import { matchRoute, payloadV2Event } from './http-api';
import { invoke } from './lambda';
import type { Outbox } from './outbox';
import type { LocalScheduler } from './scheduler';
import { handleSes, type SesFault, type SesFaults } from './ses';
import { serveStatic } from './static-site';
import { type LocalTopics, type SimulatedFeedback, sesNotification } from './topics';
import type { LocalWebSocketApi } from './websocket';

/** API Gateway's payload limit. */
const maxBodyBytes = 10 * 1024 * 1024;

export interface GatewayParts {
  readonly bus: LocalEventBus;
  readonly scheduler: LocalScheduler;
  readonly outbox: Outbox;
  readonly websocket: LocalWebSocketApi;
  readonly google: LocalGoogle;
  readonly sesFaults: SesFaults;
  readonly topics: LocalTopics;
  readonly siteRoot: string;
  readonly onError: (message: string) => void;
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new PayloadTooLargeError());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const send = (
  response: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
) => {
  response.writeHead(status, headers);
  response.end(body);
};

interface LambdaHttpResult {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/**
 * One local endpoint for everything API Gateway, SES and EventBridge do in AWS, plus the static site,
 * the Google stand-in and a few `/_local` pages for developers and tests.
 */
export class LocalGateway {
  readonly server: Server;
  private clockPinned = false;

  constructor(private readonly parts: GatewayParts) {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: Error) => {
        parts.onError(`Gateway error: ${error.stack ?? error.message}`);
        if (!response.headersSent) {
          const problem = problemResponse(error);
          send(
            response,
            problem.statusCode ?? 500,
            problem.headers as Record<string, string>,
            problem.body ?? '',
          );
        }
      });
    });
    this.server.on('upgrade', (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://local').pathname !== '/ws') return void socket.destroy();
      parts.websocket.upgrade(request, socket, head).catch(() => socket.destroy());
    });
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.parts.websocket.close();
    this.parts.google.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const { bus, scheduler, outbox, websocket } = this.parts;

    if (path.startsWith('/api/')) return this.api(request, response, method, path);
    if (path.startsWith('/@connections/')) {
      const result = websocket.manage(
        method,
        decodeURIComponent(path.slice('/@connections/'.length)),
        await readBody(request),
      );
      return send(response, result.status, result.headers, result.body);
    }
    if (isLocalGooglePath(path)) {
      const result = await this.parts.google.handle(method, url, request.headers, await readBody(request));
      return send(response, result.status, result.headers, result.body);
    }
    // The SDKs post to the endpoint's root: the protocol tells the services apart.
    const target = String(request.headers['x-amz-target'] ?? '');
    if (path === '/' && method === 'POST' && target.startsWith('AWSEvents.')) {
      const result = bus.handle(target, (await readBody(request)).toString('utf8'));
      return send(response, result.status, result.headers, result.body);
    }
    if (
      path === '/' &&
      method === 'POST' &&
      String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')
    ) {
      const result = handleSes((await readBody(request)).toString('utf8'), outbox, this.parts.sesFaults);
      return send(response, result.status, result.headers, result.body);
    }
    if (path === '/_local/outbox')
      return send(response, 200, { 'content-type': 'text/html; charset=utf-8' }, outbox.renderPage());
    if (path === '/_local/outbox.json')
      return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(outbox.list()));
    if (path === '/_local/dead-letters.json')
      return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(bus.deadLetters));
    if (path === '/_local/events.json')
      return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(bus.published));
    if (path === '/_local/ses/faults') return this.sesFaults(request, response, method);
    if (path === '/_local/clock') return this.rateLimitClock(request, response, method);
    if (path === '/_local/ses/feedback' && method === 'POST') {
      const feedback = JSON.parse((await readBody(request)).toString('utf8')) as SimulatedFeedback;
      await this.parts.topics.publish('email-feedback', sesNotification(feedback));
      return send(response, 204, {}, '');
    }
    const deadLetter = /^\/_local\/dead-letters\/([\w-]+)$/.exec(path);
    if (deadLetter && method === 'DELETE')
      return send(response, bus.dismissDeadLetters(deadLetter[1]!) ? 204 : 404, {}, '');
    const redelivery = /^\/_local\/events\/([\w-]+)\/redeliver$/.exec(path);
    if (redelivery && method === 'POST')
      return send(response, bus.redeliver(redelivery[1]!) ? 202 : 404, {}, '');
    if (path === '/_local/events/faults') return this.busFaults(request, response, method);
    if (path === '/_local/events/settled' && method === 'POST') {
      await bus.settled();
      return send(response, 204, {}, '');
    }
    const schedule = /^\/_local\/schedules\/([\w-]+)\/([\w-]+)$/.exec(path);
    if (schedule && method === 'POST') {
      const time = url.searchParams.get('time');
      // Without a time, the run takes the local clock's (pinned) time, as tests that pin it expect.
      await scheduler.run(schedule[1]!, schedule[2]!, new Date(time ?? clock.now()));
      return send(response, 204, {}, '');
    }
    if (path === '/config.json') {
      const host = request.headers.host ?? '127.0.0.1';
      return send(
        response,
        200,
        { 'content-type': 'application/json' },
        JSON.stringify({ webSocketUrl: `ws://${host}/ws`, environment: 'local' }),
      );
    }
    const file = serveStatic(this.parts.siteRoot, path);
    return send(response, file.status, { 'content-type': file.type }, file.body);
  }

  /** Control of the local bus's refusals, like the SES faults: add (POST), list (GET), clear (DELETE). */
  private async busFaults(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    const { bus } = this.parts;
    if (method === 'POST') {
      const fault = JSON.parse((await readBody(request)).toString('utf8')) as Partial<BusFault>;
      bus.addFault({ detailType: fault.detailType, remaining: fault.remaining ?? 1 });
      return send(response, 204, {}, '');
    }
    if (method === 'DELETE') {
      bus.clearFaults();
      return send(response, 204, {}, '');
    }
    return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(bus.listFaults()));
  }

  /** Developer and test control of the local SES: inject failures (POST), list (GET) or clear them (DELETE). */
  private async sesFaults(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    const { sesFaults } = this.parts;
    if (method === 'POST') {
      const fault = JSON.parse((await readBody(request)).toString('utf8')) as Partial<SesFault>;
      sesFaults.add({
        to: fault.to,
        code: fault.code ?? 'ServiceUnavailable',
        message: fault.message ?? 'Injected locally: SES is not available',
        remaining: fault.remaining,
      });
      return send(response, 204, {}, '');
    }
    if (method === 'DELETE') {
      sesFaults.clear();
      return send(response, 204, {}, '');
    }
    return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(sesFaults.list()));
  }

  /**
   * The clock rate limits read: `POST {"at": "<ISO time>"}` pins it, `POST {"advanceSeconds": n}` moves it on
   * (pinned or not), `DELETE` returns it to the system clock; `GET` tells its time.
   */
  private async rateLimitClock(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
  ): Promise<void> {
    if (method === 'POST') {
      const { at, advanceSeconds } = JSON.parse((await readBody(request)).toString('utf8') || '{}') as {
        at?: string;
        advanceSeconds?: number;
      };
      const pinned = at === undefined ? undefined : Date.parse(at);
      if (Number.isNaN(pinned) || (advanceSeconds !== undefined && !Number.isFinite(advanceSeconds)))
        throw new BadRequestError('Send {"at": "<ISO time>"} or {"advanceSeconds": <number>}');
      if (pinned !== undefined) this.clockPinned = true;
      const moved = (pinned ?? clock.now()) + (advanceSeconds ?? 0) * 1000;
      const since = Date.now();
      // Pinned, it stands still; otherwise it runs on from where it was moved to.
      clock.now = this.clockPinned ? () => moved : () => moved + (Date.now() - since);
    } else if (method === 'DELETE') {
      this.clockPinned = false;
      clock.now = () => Date.now();
    }
    return send(
      response,
      200,
      { 'content-type': 'application/json' },
      JSON.stringify({ now: new Date(clock.now()).toISOString() }),
    );
  }

  private async api(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
    path: string,
  ): Promise<void> {
    const match = matchRoute(method, path);
    if (match.kind !== 'route') {
      const problem = problemResponse(
        match.kind === 'not-found' ? new NotFoundError('No such route') : new MethodNotAllowedError(),
        path,
      );
      return send(
        response,
        problem.statusCode ?? 404,
        problem.headers as Record<string, string>,
        problem.body ?? '',
      );
    }
    const event = payloadV2Event(request, await readBody(request), match.route, match.pathParameters);
    const result = (await invoke(match.fn, event)) as LambdaHttpResult;
    const headers: Record<string, string | string[]> = { ...(result.headers ?? {}) };
    if (result.cookies?.length) headers['set-cookie'] = result.cookies;
    const body = result.body
      ? result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body
      : '';
    send(response, result.statusCode ?? 200, headers, body);
  }
}
