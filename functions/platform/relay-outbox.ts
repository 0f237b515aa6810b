import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { relayOutbox } from '../../shared/events/relay';
import { logger } from '../../shared/observability/logger';

/** Relays the outbox items the table's stream reports to the EventBridge bus. */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(relayOutbox);
