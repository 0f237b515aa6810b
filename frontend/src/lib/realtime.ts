import { type RoomFrame, roomFrame } from '../../../shared/chat/contracts';
import { identityRoutes } from '../../../shared/identity/contracts';
import {
  type ActionDefinition,
  ackFrame,
  type ErrorFrame,
  errorFrame,
  type FrameInputOf,
  heartbeatIntervalSeconds,
  type ResultOf,
} from '../../../shared/realtime/contracts';
import type * as z from '../../../shared/schema/zod';
import { call } from './api';

/** An `error` frame the server answered a request with. */
export class RealtimeError extends Error {
  readonly code: ErrorFrame['code'];
  readonly retryAfter: number | undefined;
  readonly fields: ErrorFrame['fields'];

  constructor(frame: ErrorFrame) {
    super(frame.message);
    this.name = 'RealtimeError';
    this.code = frame.code;
    this.retryAfter = frame.retryAfter;
    this.fields = frame.fields;
  }
}

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

interface Pending {
  readonly resolve: (data: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const requestTimeoutMs = 10_000;
const maxBackoffMs = 30_000;

/** The WebSocket URL: written into `config.json` at deployment (and served by the local gateway). */
const webSocketUrl = async (): Promise<string> => {
  const response = await fetch('/config.json', { cache: 'no-store' });
  const { webSocketUrl: url } = (await response.json()) as { webSocketUrl: string };
  return url;
};

/**
 * One WebSocket to Portico: a fresh single-use ticket per connection, reconnects with capped exponential
 * backoff and jitter, a heartbeat every 30 s (away while the tab is hidden), and requests answered by
 * `ack` or `error` frames matched on the client reference. Listeners hear `open` after every
 * (re)connection, so pages join their rooms again and catch up from the last message they saw.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private counter = 0;
  private attempts = 0;
  private stopped = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly frameListeners = new Set<(frame: RoomFrame) => void>();
  private readonly pushListeners = new Set<(json: unknown) => void>();
  private readonly openListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  status: ConnectionStatus = 'connecting';

  constructor() {
    void this.connect();
  }

  onFrame(listener: (frame: RoomFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Other frames the server pushes (live states, direct messages, connection requests): each listener's schema picks its own. */
  onPush<T>(schema: z.ZodMiniType<T>, listener: (frame: T) => void): () => void {
    const parse = (json: unknown) => {
      const parsed = schema.safeParse(json);
      if (parsed.success) listener(parsed.data);
    };
    this.pushListeners.add(parse);
    return () => this.pushListeners.delete(parse);
  }

  /** Called now when already open, and after every reconnection. */
  onOpen(listener: () => void): () => void {
    this.openListeners.add(listener);
    if (this.status === 'open') listener();
    return () => this.openListeners.delete(listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Sends one action and resolves with its ack's data; rejects with a RealtimeError on an error frame. */
  request<D extends ActionDefinition>(
    definition: D,
    payload: Omit<FrameInputOf<D>, 'action' | 'v' | 'id'>,
  ): Promise<ResultOf<D>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN)
      return Promise.reject(new Error('Not connected; reconnecting…'));
    const id = `c${++this.counter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('No answer from the server'));
      }, requestTimeoutMs);
      this.pending.set(id, { resolve: resolve as (data: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ ...payload, action: definition.action, v: 1, id }));
    });
  }

  close(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    this.socket?.close();
    this.setStatus('closed');
  }

  private setStatus(status: ConnectionStatus) {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private async connect(): Promise<void> {
    try {
      const [url, { ticket }] = await Promise.all([webSocketUrl(), call(identityRoutes.wsTicket, {})]);
      if (this.stopped) return;
      const socket = new WebSocket(`${url}?ticket=${encodeURIComponent(ticket)}`);
      this.socket = socket;
      socket.onopen = () => {
        this.attempts = 0;
        this.setStatus('open');
        this.beat();
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.beat(), heartbeatIntervalSeconds * 1000);
        for (const listener of this.openListeners) listener();
      };
      socket.onmessage = (event) => this.receive(String(event.data));
      socket.onclose = () => this.reconnect();
    } catch {
      this.reconnect();
    }
  }

  private reconnect(): void {
    clearInterval(this.heartbeat);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('The connection was lost'));
      this.pending.delete(id);
    }
    if (this.stopped) return;
    this.setStatus('reconnecting');
    const delay = Math.min(maxBackoffMs, 500 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    this.retry = setTimeout(() => void this.connect(), delay);
  }

  private beat(): void {
    const status = document.visibilityState === 'hidden' ? 'away' : 'online';
    this.socket?.send(JSON.stringify({ action: 'presence.heartbeat', v: 1, status }));
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const ack = ackFrame.safeParse(json);
    const error = errorFrame.safeParse(json);
    const frame = roomFrame.safeParse(json);
    if (ack.success) this.settle(ack.data.ref, (pending) => pending.resolve(ack.data.data));
    else if (error.success)
      this.settle(error.data.ref, (pending) => pending.reject(new RealtimeError(error.data)));
    else if (frame.success) for (const listener of this.frameListeners) listener(frame.data);
    else for (const listener of this.pushListeners) listener(json);
  }

  private settle(ref: string | undefined, settle: (pending: Pending) => void): void {
    const pending = ref ? this.pending.get(ref) : undefined;
    if (!pending || !ref) return;
    clearTimeout(pending.timer);
    this.pending.delete(ref);
    settle(pending);
  }
}
