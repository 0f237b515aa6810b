import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One command a client sent: its name (`QueryCommand`), input, how long it took and what DynamoDB answered. */
export interface SentCommand {
  readonly command: string;
  readonly input: unknown;
  ms: number;
  output: unknown;
}

/**
 * Records the DynamoDB commands `client` sends, grouped into round trips: a command sent while none is in
 * flight starts one, commands sent side by side share it. Benches and integration tests count with it
 * (it imports nothing of vitest). It sits below the retry middleware, so every attempt counts.
 */
export const recordRoundTrips = (client: DynamoDBDocumentClient) => {
  const name = `recordRoundTrips${randomUUID().replace(/-/g, '')}`;
  let trips: SentCommand[][] = [];
  // The trip commands join while it is open; undefined after `reset`, so a command still in flight from
  // before the reset never puts a later one into a trip the caller has already taken.
  let open: SentCommand[] | undefined;
  let inFlight = 0;
  let busyMs = 0;
  let busySince = 0;
  client.middlewareStack.add(
    (next, { commandName }) =>
      async (args) => {
        const sent: SentCommand = {
          command: commandName ?? 'unknown',
          input: args.input,
          ms: 0,
          output: undefined,
        };
        const began = performance.now();
        if (inFlight++ === 0) busySince = began;
        if (inFlight === 1 || !open) {
          open = [];
          trips.push(open);
        }
        open.push(sent);
        try {
          const result = await next(args);
          sent.output = result.output;
          return result;
        } finally {
          sent.ms = performance.now() - began;
          if (--inFlight === 0) busyMs += performance.now() - busySince;
        }
      },
    { step: 'finalizeRequest', priority: 'low', name },
  );
  return {
    /** The round trips since the start or the last reset, each with its commands in the order sent. */
    trips: (): readonly (readonly SentCommand[])[] => trips,
    /** Their commands' names, in the order sent. */
    commands: (): string[] => trips.flat().map((sent) => sent.command),
    /** Time during which at least one command was in flight, since the start (not reset). */
    busyMs: () => busyMs,
    reset: () => {
      trips = [];
      open = undefined;
    },
    stop: () => void client.middlewareStack.remove(name),
  };
};

export type RoundTripRecorder = ReturnType<typeof recordRoundTrips>;
