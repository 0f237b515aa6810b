import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { requireEnv } from '../config/env';
import { logger } from '../observability/logger';

/** Created once per container, like every AWS client. */
const management = new ApiGatewayManagementApiClient({ endpoint: requireEnv('WS_MANAGEMENT_ENDPOINT') });

/** API Gateway answers 410 Gone for a connection that closed, whether `$disconnect` ran or not. */
const isGone = (error: unknown) =>
  (error as { name?: string })?.name === 'GoneException' ||
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 410;

/** Posts to one connection; false when the connection is gone. */
export const postToConnection = async (connectionId: string, frame: unknown): Promise<boolean> => {
  const { delivered } = await postToMany([connectionId], frame);
  return delivered === 1;
};

export interface PostOptions {
  /** Posts in flight at once: enough to hide latency, few enough to stay inside the account throttle. */
  readonly concurrency?: number;
  /** Called once for each target that answered 410, with that target's id (never anybody else's). */
  readonly onGone?: (connectionId: string) => Promise<void>;
}

/**
 * Posts one frame to many connections, a bounded number at a time. A connection that answers 410 is
 * handed to `onGone` by its own id and the others still receive; any other failure is logged and
 * counted, never thrown, so one bad connection cannot stop a room's fan-out.
 */
export const postToMany = async (
  connectionIds: readonly string[],
  frame: unknown,
  { concurrency = 32, onGone }: PostOptions = {},
): Promise<{ delivered: number; gone: string[]; failed: number }> => {
  const data = new TextEncoder().encode(JSON.stringify(frame));
  const gone: string[] = [];
  let delivered = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < connectionIds.length) {
      const connectionId = connectionIds[next++]!;
      try {
        await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
        delivered++;
      } catch (error) {
        if (!isGone(error)) {
          failed++;
          logger.warn('Posting to a connection failed', { connectionId, error: error as Error });
          continue;
        }
        gone.push(connectionId);
        await onGone?.(connectionId).catch((cleanupError: Error) =>
          logger.warn('Removing a gone connection failed', { connectionId, error: cleanupError }),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, connectionIds.length) }, worker));
  return { delivered, gone, failed };
};

/** Closes a connection from the server side (a connection item that expired, say). */
export const closeConnection = async (connectionId: string): Promise<void> => {
  try {
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
  } catch (error) {
    if (!isGone(error)) throw error;
  }
};
