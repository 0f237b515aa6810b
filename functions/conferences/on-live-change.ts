import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import {
  deliverLiveShard,
  fanOutAgendaChange,
  fanOutLiveStates,
} from '../../shared/conferences/live-channel';
import { eventSchema } from '../../shared/events/catalog';
import { logger } from '../../shared/observability/logger';

const detailTypes = [
  'agenda-item.created',
  'agenda-item.updated',
  'agenda-item.deleted',
  'agenda-item.stream-state-changed',
  'conference.live-fan-out',
] as const;

type AgendaChange = 'agenda-item.created' | 'agenda-item.updated' | 'agenda-item.deleted';
const agendaChanges = new Set<string>(['agenda-item.created', 'agenda-item.updated', 'agenda-item.deleted']);
const isAgendaChange = (detailType: string): detailType is AgendaChange => agendaChanges.has(detailType);

/**
 * Pushes stream states and agenda changes to the pages watching a conference: a state change or a session
 * added, changed or removed becomes one job per shard of the live channel, and each job posts to its
 * shard. Sending the same frame twice on a redelivery is harmless (clients keep the highest version, and
 * a removal stays a removal), so no claim record is kept.
 */
const consumer = middy<EventBridgeEvent<(typeof detailTypes)[number], unknown>, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const detailType = event['detail-type'];
    if (isAgendaChange(detailType)) {
      // Whichever the change, the fan-out reads the item as it is now.
      const change = eventSchema(detailType).parse(event.detail);
      const shards = await fanOutAgendaChange(change.orgId, change.conferenceId, change.itemId);
      logger.info('Live agenda fan-out started', {
        conferenceId: change.conferenceId,
        itemId: change.itemId,
        change: detailType,
        shards,
      });
      return;
    }
    if (event['detail-type'] === 'agenda-item.stream-state-changed') {
      const change = eventSchema('agenda-item.stream-state-changed').parse(event.detail);
      const shards = await fanOutLiveStates(change.orgId, change.conferenceId);
      logger.info('Live fan-out started', { conferenceId: change.conferenceId, shards });
      return;
    }
    const job = eventSchema('conference.live-fan-out').parse(event.detail);
    const result = await deliverLiveShard(job.orgId, job.conferenceId, job.shard, job.frame);
    logger.info('Live fan-out done', {
      conferenceId: job.conferenceId,
      shard: job.shard,
      delivered: result.delivered,
      gone: result.gone.length,
    });
  });

/** The detail types it acts on, checked against the manifest's rule like every consumer's. */
export const handler = Object.assign(consumer, { detailTypes });
