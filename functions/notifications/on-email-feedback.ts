import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { applyInvitationFeedback } from '../../shared/conferences';
import { applyFeedback } from '../../shared/notifications/service';
import { logger } from '../../shared/observability/logger';

/**
 * SES bounce, complaint and delivery notifications, delivered by SNS: addresses that bounced for good or
 * complained are suppressed, so no automation mails them again; a conference invitation's message moves
 * the invitation to delivered or bounced. Suppressing twice is harmless, so a redelivered
 * notification needs no claim.
 */
export const handler = middy<SNSEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const outcome = await applyFeedback(record.Sns.Message, record.Sns.Timestamp);
      const invitation = await applyInvitationFeedback(record.Sns.Message);
      logger.info('Email feedback applied', {
        messageId: record.Sns.MessageId,
        suppressed: outcome.suppressed.length,
        ignored: outcome.ignored.length,
        invitation,
      });
    }
  });
