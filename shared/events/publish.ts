import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { clientOptions } from '../aws/endpoints';
import { requireEnv } from '../config/env';
import { logger } from '../observability/logger';
import { type DetailType, type EventDetail, eventCatalog, eventSource } from './catalog';

const events = new EventBridgeClient(clientOptions('EVENTS'));
const eventBusName = requireEnv('EVENT_BUS_NAME');

export class EventPublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventPublishError';
  }
}

/** Publishes one domain event after checking it against its catalog schema. */
export const publishEvent = async <T extends DetailType>(
  detailType: T,
  detail: EventDetail<T>,
): Promise<void> => {
  const parsed = eventCatalog[detailType].parse(detail);
  const result = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: eventSource,
          DetailType: detailType,
          Detail: JSON.stringify(parsed),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    throw new EventPublishError(
      `EventBridge refused ${detailType}: ${result.Entries?.[0]?.ErrorMessage ?? 'unknown'}`,
    );
  }
};

/**
 * For events that announce a change already committed: a failed publish must not turn the user's
 * successful request into an error, so it is logged (and alarmed on), not thrown.
 */
export const publishQuietly = async <T extends DetailType>(
  detailType: T,
  detail: EventDetail<T>,
): Promise<void> => {
  try {
    await publishEvent(detailType, detail);
  } catch (error) {
    logger.error('Publishing an event failed', { detailType, error: error as Error });
  }
};
