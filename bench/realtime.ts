import type { AddressInfo } from 'node:net';
import { ulid } from 'ulid';
import { WebSocket, WebSocketServer } from 'ws';
import { startLocalCloud } from '../infra/local/cloud';
import { inChild, isBenchProcess, reportToParent } from './child';

/** The task's scale: one room of 1,000 connections, on loopback only. */
export const realtimeBenchScale: { clients: number; rounds: number; burst: number } = {
  clients: 1_000,
  rounds: 3,
  burst: 10,
};

const progress = (message: string) => process.stderr.write(`realtime bench: ${message}\n`);

export interface Spread {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface RealtimeBenchResult {
  readonly clients: number;
  readonly connectMs: number;
  readonly joinMs: number;
  /** Per round: from the send until every client had the message; over rounds, each client's arrival. */
  readonly portico: { readonly allReceivedMs: Spread; readonly arrivalMs: Spread };
  readonly bareWs: { readonly allReceivedMs: Spread; readonly arrivalMs: Spread };
  /** Portico's time until all received, as a multiple of a bare `ws` broadcast to the same clients. */
  readonly ratio: { readonly p50: number; readonly p99: number };
  /** A burst of messages from different people into the one room, until every client had every one. */
  readonly sustained: {
    readonly messages: number;
    readonly ms: number;
    readonly messagesPerSecond: number;
    readonly deliveriesPerSecond: number;
  };
  readonly lost: number;
}

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 };
};

const opened = (socket: WebSocket) =>
  new Promise<void>((done, fail) => {
    socket.once('open', () => done());
    socket.once('error', fail);
  });

/** Runs `work` over `items`, `limit` at a time. */
const pool = async <T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
};

/** Waits until `count` clients saw the frame `match` recognizes; resolves with each one's arrival time. */
const arrivals = (sockets: readonly WebSocket[], match: (text: string) => boolean, timeoutMs = 30_000) =>
  new Promise<number[]>((done, fail) => {
    const times: number[] = [];
    const listeners = sockets.map((socket) => {
      const listener = (data: unknown) => {
        if (!match(String(data))) return;
        socket.off('message', listener);
        times.push(performance.now());
        if (times.length === sockets.length) {
          clearTimeout(timer);
          done(times);
        }
      };
      socket.on('message', listener);
      return listener;
    });
    const timer = setTimeout(() => {
      for (const [index, socket] of sockets.entries()) socket.off('message', listeners[index]!);
      fail(new Error(`Only ${times.length} of ${sockets.length} clients received in ${timeoutMs} ms`));
    }, timeoutMs);
  });

const bareBroadcast = async (clients: number, rounds: number) => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((done) => server.once('listening', done));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets = Array.from({ length: clients }, () => new WebSocket(url).setMaxListeners(0) as WebSocket);
  await Promise.all(sockets.map(opened));
  const totals: number[] = [];
  const each: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const text = JSON.stringify({ type: 'room.message', round });
    const start = performance.now();
    const received = arrivals(sockets, (data) => data === text);
    for (const client of server.clients) client.send(text);
    const times = await received;
    totals.push(Math.max(...times) - start);
    each.push(...times.map((time) => time - start));
  }
  for (const socket of sockets) socket.terminate();
  server.close();
  return { allReceivedMs: spread(totals), arrivalMs: spread(each) };
};

/**
 * 1,000 real WebSocket clients in one room of the local cloud: every message goes through the room's
 * send action, the fan-out events and 16 fan-out workers posting through the `@connections` API. The
 * same clients' count is then served by a bare `ws` broadcast in the same process, the floor of the
 * machine; the result is a ratio to it, never a timed assertion.
 */
export const benchRealtime = async ({
  clients,
  rounds,
  burst,
} = realtimeBenchScale): Promise<RealtimeBenchResult> => {
  const cloud = await startLocalCloud({ port: 0, schedules: false });
  try {
    // Repositories read the table's name at load, which the cloud has only just set.
    const { putTicket } = await import('../shared/realtime/repository');
    const { createRoom } = await import('../shared/chat/repository');
    const { createUser } = await import('../shared/identity/repository');
    const { createOrganization } = await import('../shared/organizations/service');
    const { newOpaqueToken } = await import('../shared/auth/tokens');
    const { ttlIn } = await import('../shared/db/ttl');
    const operator = {
      userId: ulid(),
      email: 'bench@portico.localhost',
      name: 'Bench Operator',
      role: 'admin',
      orgId: null,
    } as const;
    const { id: orgId } = await createOrganization(operator, {
      name: 'Bench Events',
      slug: `bench-events-${ulid().toLowerCase()}`,
      timeZone: 'Europe/Berlin',
      allowedOrigins: [],
      branding: { color: '#0b7285', logoUrl: null },
    });
    const roomId = ulid();
    const now = new Date().toISOString();
    const people = Array.from({ length: clients }, (_, index) => ({
      userId: ulid(),
      name: `Attendee ${index}`,
    }));
    // The room policy reads each person's account as it is now: they are members of the organization (who
    // connect with tickets, so they need no password).
    await pool(people, 25, (person, index) =>
      createUser({
        id: person.userId,
        email: `attendee-${index}-${person.userId.toLowerCase()}@bench.example`,
        name: person.name,
        role: 'member',
        orgId,
        status: 'active',
        tokenVersion: 0,
        createdAt: now,
        updatedAt: now,
        lastSignInAt: null,
        invitedBy: null,
      }),
    );
    await createRoom(
      {
        id: roomId,
        orgId,
        name: 'Keynote lobby',
        kind: 'lobby',
        conferenceId: null,
        createdBy: people[0]!.userId,
        createdAt: now,
        lastMessageAt: null,
        lastMessageId: null,
        seq: 0,
      },
      [],
    );

    const wsUrl = `${cloud.url.replace('http', 'ws')}/ws`;
    const sockets: WebSocket[] = new Array(clients);
    const connectStart = performance.now();
    await pool(people, 50, async (person, index) => {
      const { token, hash } = newOpaqueToken();
      await putTicket(hash, { userId: person.userId, orgId, name: person.name, ttl: ttlIn(300) });
      const socket = new WebSocket(`${wsUrl}?ticket=${token}`);
      // One listener per message waited for, a burst's worth at once.
      socket.setMaxListeners(0);
      await opened(socket);
      sockets[index] = socket;
    });
    const connectMs = performance.now() - connectStart;
    progress(`${clients} connected in ${(connectMs / 1000).toFixed(1)} s`);

    const joinStart = performance.now();
    await pool(sockets, 50, async (socket, index) => {
      const ack = new Promise<void>((done, fail) => {
        const listener = (data: unknown) => {
          const frame = JSON.parse(String(data)) as { ref?: string; type: string; message?: string };
          if (frame.ref !== `join-${index}`) return;
          socket.off('message', listener);
          if (frame.type === 'ack') done();
          else fail(new Error(`Join refused: ${frame.message}`));
        };
        socket.on('message', listener);
      });
      socket.send(JSON.stringify({ action: 'room.join', v: 1, id: `join-${index}`, roomId }));
      await ack;
    });
    const joinMs = performance.now() - joinStart;
    progress(`${clients} joined in ${(joinMs / 1000).toFixed(1)} s`);

    const send = (author: number, text: string) =>
      sockets[author]!.send(JSON.stringify({ action: 'room.send', v: 1, roomId, text }));
    const isMessage = (text: string) => (data: string) =>
      data.includes('"room.message"') && data.includes(`"text":"${text}"`);

    // Bounds that only catch a hang: a loaded machine delivers a few hundred messages a second.
    const roundTimeoutMs = Math.max(30_000, clients * 30);
    const totals: number[] = [];
    const each: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const text = `round ${round}`;
      const received = arrivals(sockets, isMessage(text), roundTimeoutMs);
      const start = performance.now();
      send(round, text);
      const times = await received;
      totals.push(Math.max(...times) - start);
      each.push(...times.map((time) => time - start));
    }
    const portico = { allReceivedMs: spread(totals), arrivalMs: spread(each) };
    progress(`rounds done: ${totals.map((total) => total.toFixed(0)).join(', ')} ms`);

    // Many people at once, each within their own rate limit: what the one room sustains.
    const burstTexts = Array.from({ length: burst }, (_, index) => `burst ${index}`);
    const allBurst = Promise.all(
      burstTexts.map((text) => arrivals(sockets, isMessage(text), roundTimeoutMs * burst)),
    );
    const burstStart = performance.now();
    for (const [index, text] of burstTexts.entries()) send(rounds + index, text);
    const burstTimes = await allBurst;
    const burstMs = Math.max(...burstTimes.flat()) - burstStart;

    for (const socket of sockets) socket.terminate();
    const bareWs = await bareBroadcast(clients, rounds);
    return {
      clients,
      connectMs,
      joinMs,
      portico,
      bareWs,
      ratio: {
        p50: portico.allReceivedMs.p50Ms / bareWs.allReceivedMs.p50Ms,
        p99: portico.allReceivedMs.p99Ms / bareWs.allReceivedMs.p99Ms,
      },
      sustained: {
        messages: burst,
        ms: burstMs,
        messagesPerSecond: (burst * 1000) / burstMs,
        deliveriesPerSecond: (burst * clients * 1000) / burstMs,
      },
      lost: cloud.bus.deadLetters.length,
    };
  } finally {
    await cloud.stop();
  }
};

/** In its own process (`bench/child.ts`): 1,000 sockets and their handlers stay out of the other benches. */
export const benchRealtimeInChild = () => inChild<RealtimeBenchResult>(import.meta.url);

if (isBenchProcess(import.meta.url))
  await reportToParent(() =>
    benchRealtime({ ...realtimeBenchScale, clients: Number(process.argv[2] ?? realtimeBenchScale.clients) }),
  );
