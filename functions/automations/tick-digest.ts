import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { fanOutDigests } from '../../shared/automations/digest';
import { logger } from '../../shared/observability/logger';

/** Hourly: one `digest.due` event per organization whose morning it is; the work happens per organization. */
export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const result = await fanOutDigests(new Date(event.time));
    logger.info('Digests fanned out', { ...result });
  });
