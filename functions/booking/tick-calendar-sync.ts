import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { syncCalendar } from '../../shared/booking/sync';
import { BookingPausedError, CalendarUnavailableError } from '../../shared/http/errors';
import { logger } from '../../shared/observability/logger';

export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    try {
      logger.info('Calendar sync done', await syncCalendar(new Date(event.time)));
    } catch (error) {
      // Paused (access revoked) or Google not answering: the next run tries again; nothing is lost
      // because the sync token only moves on after a complete run.
      if (!(error instanceof BookingPausedError || error instanceof CalendarUnavailableError)) throw error;
      logger.warn('Calendar sync skipped', { reason: error.message });
    }
  });
