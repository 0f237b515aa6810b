import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { automationStepKind, runDueStep } from '../../shared/automations';
import { streamRunners } from '../../shared/conferences';
import { invitationExpiredKind, notifyInviterOfExpiry } from '../../shared/identity';
import { logger } from '../../shared/observability/logger';
import { runDueWork } from '../../shared/platform/due-repository';

/** What each kind of due item does; a kind without a runner is logged as a failure, never dropped. */
const runners = {
  [invitationExpiredKind]: notifyInviterOfExpiry,
  [automationStepKind]: runDueStep,
  ...streamRunners,
};

export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const result = await runDueWork(runners, new Date(event.time));
    logger.info('Due work done', result);
  });
