import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { deliverToShard } from '../../shared/chat/fan-out';
import { eventSchema } from '../../shared/events/catalog';
import { logger } from '../../shared/observability/logger';

/**
 * A fan-out worker: one shard of a room's connections per invocation. Posting the same frame twice on a
 * redelivery is harmless (clients keep messages by id), so no claim record is kept.
 */
const worker = middy<EventBridgeEvent<'chat.fan-out', unknown>, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const job = eventSchema('chat.fan-out').parse(event.detail);
    const result = await deliverToShard(job.orgId, job.roomId, job.shard, job.frame);
    logger.info('Fan-out done', {
      roomId: job.roomId,
      shard: job.shard,
      ...result,
      gone: result.gone.length,
    });
  });

/** The detail types it acts on, checked against the manifest's rule like every consumer's. */
export const handler = Object.assign(worker, { detailTypes: ['chat.fan-out'] as const });
