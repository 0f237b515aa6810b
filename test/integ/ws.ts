import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { WebSocket } from 'ws';
import { api, stack } from './api';

export const wsUrl = (ticket?: string) =>
  `${stack().url.replace('http', 'ws')}/ws${ticket ? `?ticket=${encodeURIComponent(ticket)}` : ''}`;

export const newTicket = async (token: string): Promise<string> => {
  const response = await api('POST', '/api/realtime/tickets', { token });
  if (response.status !== 201) throw new Error(`Ticket refused: ${response.status} ${response.text}`);
  return response.json.ticket as string;
};

/** Opens a socket; rejects with `HTTP <status>` when the handshake is refused. */
export const openSocket = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });

// biome-ignore lint/suspicious/noExplicitAny: frames are JSON the tests inspect freely.
export type Frame = Record<string, any>;

/** A real WebSocket client that keeps every frame it received and answers by client reference. */
export class TestClient {
  readonly frames: Frame[] = [];
  private counter = 0;
  private waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(data)) as Frame;
      } catch {
        frame = { raw: String(data) };
      }
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
  }

  static async connect(token: string): Promise<TestClient> {
    return new TestClient(await openSocket(wsUrl(await newTicket(token))));
  }

  /** Resolves with the first frame (already received or still to come) that matches. */
  next(match: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No matching frame in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /** Sends an action frame with a fresh reference and resolves with its ack or error frame. */
  request(action: string, payload: Frame = {}): Promise<Frame> {
    const id = `t${++this.counter}`;
    this.socket.send(JSON.stringify({ action, v: 1, id, ...payload }));
    return this.next((frame) => frame.ref === id);
  }

  /** Sends raw text and resolves with the next frame received after it. */
  raw(text: string): Promise<Frame> {
    const before = this.frames.length;
    this.socket.send(text);
    return this.next((frame) => this.frames.indexOf(frame) >= before);
  }

  closed(): Promise<number> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }

  close(): void {
    this.socket.close();
  }
}

let documentClient: DynamoDBDocumentClient | undefined;
/** The local cloud's table, for what no API can do: items left behind by a `$disconnect` that never came. */
export const table = () => {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack().endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return documentClient;
};

export const putItem = (item: Record<string, unknown>) =>
  table().send(new PutCommand({ TableName: 'portico', Item: item }));

export const getItem = async (key: { pk: string; sk: string }) =>
  (await table().send(new GetCommand({ TableName: 'portico', Key: key, ConsistentRead: true }))).Item;
