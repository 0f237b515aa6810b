import type { RenderedEmail } from '../email/render';
import { type MailingList, unsubscribeUrl } from '../email/unsubscribe';
import { isPermanent } from '../events/errors';
import { mailability } from '../notifications';
import { logger } from '../observability/logger';
import { type MailSender, mailSenderFor, sesSender } from '../workspace';
import type { RunItem, RunStart } from './run-repository';
import * as runStore from './run-repository';
import { recipientHash } from './schedule';

/** How a run ended when it did not throw. */
export interface Outcome {
  readonly outcome: 'succeeded' | 'skipped';
  readonly detail: string;
  readonly emailsSent: number;
}

/** A run's failure as the run list shows it: the error's kind and message, never a stack. */
const describe = (error: unknown): string => {
  const { name, message } = error as Error;
  return `${name && name !== 'Error' ? `${name}: ` : ''}${message ?? String(error)}`.slice(0, 500);
};

/**
 * Records one run around its work: started (or its next attempt), then succeeded, skipped or failed
 * with the error, and how long it took. A run that finished before is not run again (`undefined`);
 * a failure is recorded and thrown, so the platform retries it and in the end dead-letters it; one no
 * retry can fix ({@link PermanentError}) is recorded as such, and the consumer does not retry it.
 */
export const withRun = async (
  start: RunStart,
  work: (run: RunItem) => Promise<Outcome>,
): Promise<Outcome | undefined> => {
  const begun = await runStore.startRun(start);
  if (begun.done) {
    logger.info('Run finished before; nothing to do', { runId: start.id, outcome: begun.run.outcome });
    return undefined;
  }
  const startedAt = Date.now();
  try {
    const outcome = await work(begun.run);
    await runStore.finishRun(start.orgId, start.id, {
      ...outcome,
      error: null,
      permanent: false,
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - startedAt,
    });
    return outcome;
  } catch (error) {
    const partial = error instanceof DeliveryError ? error : undefined;
    await runStore.finishRun(start.orgId, start.id, {
      outcome: 'failed',
      detail: partial?.detail ?? 'Failed',
      error: describe(partial?.cause ?? error),
      permanent: isPermanent(error),
      emailsSent: partial?.sent ?? 0,
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - startedAt,
    });
    logger.error('Automation run failed', {
      runId: start.id,
      automation: start.automation,
      error: error as Error,
    });
    throw error;
  }
};

export interface Mail {
  readonly to: string;
  readonly list: MailingList;
  /** Renders the message with its recipient's unsubscribe link. */
  readonly render: (unsubscribeUrl: string) => RenderedEmail;
  /** Shown as "<name> via Portico". */
  readonly senderName?: string;
  readonly replyTo?: string;
}

export type DeliveryResult = 'sent' | 'already-sent' | 'suppressed' | 'opted-out';

/**
 * Sends one run's email to one recipient, at most once: not to a suppressed (bounced, complained) or
 * unsubscribed address, and not again when this run sent it before. A send SES (or the organization's
 * Gmail) refuses gives its claim back and throws, so a retry sends it.
 */
export const deliver = async (
  run: { orgId: string; id: string },
  mail: Mail,
  sender: MailSender = sesSender,
): Promise<DeliveryResult> => {
  const refusal = await mailability(run.orgId, mail.list, mail.to);
  if (refusal) return refusal.reason;
  const recipient = recipientHash(mail.to);
  if ((await runStore.claimSend(run.orgId, run.id, recipient, new Date().toISOString())) === 'taken')
    return 'already-sent';
  let messageId: string;
  try {
    const link = await unsubscribeUrl({ orgId: run.orgId, list: mail.list, address: mail.to });
    messageId = await sender.send(mail.to, mail.render(link), {
      senderName: mail.senderName,
      replyTo: mail.replyTo,
    });
  } catch (error) {
    await runStore.releaseSend(run.orgId, run.id, recipient);
    throw error;
  }
  await runStore.confirmSend(run.orgId, run.id, recipient, messageId);
  return 'sent';
};

/** Some recipients of a run could not be mailed; the rest were. */
export class DeliveryError extends Error {
  constructor(
    readonly detail: string,
    readonly sent: number,
    override readonly cause: unknown,
  ) {
    super(describe(cause));
    this.name = 'DeliveryError';
  }
}

export interface DeliverySummary {
  readonly sent: number;
  readonly alreadySent: number;
  readonly suppressed: number;
  readonly optedOut: number;
}

/** "sent to 2 (1 unsubscribed, 1 sent before)": what a run did with its recipients. */
export const summarize = (summary: DeliverySummary, noun: string): string => {
  const notes = [
    ...(summary.alreadySent ? [`${summary.alreadySent} sent before`] : []),
    ...(summary.optedOut ? [`${summary.optedOut} unsubscribed`] : []),
    ...(summary.suppressed ? [`${summary.suppressed} suppressed after a bounce or complaint`] : []),
  ];
  const main = summary.sent
    ? `Emailed ${summary.sent} ${noun}${summary.sent === 1 ? '' : 's'}`
    : `No email sent`;
  return `${main}${notes.length ? ` (${notes.join(', ')})` : ''}`;
};

/**
 * Delivers to every recipient, each at most once; one recipient's failure does not stop the others. Throws
 * a {@link DeliveryError} after trying all when any failed. Mail goes through the organization's Gmail when
 * it connected Google Workspace, through SES otherwise (see `workspace/mail.ts` for the fallback rule).
 */
export const deliverAll = async (
  run: { orgId: string; id: string },
  mails: readonly Mail[],
  noun: string,
): Promise<Outcome> => {
  const sender = await mailSenderFor(run.orgId);
  const summary = { sent: 0, alreadySent: 0, suppressed: 0, optedOut: 0 };
  let failure: unknown;
  let failed = 0;
  for (const mail of mails) {
    try {
      const result = await deliver(run, mail, sender);
      if (result === 'sent') summary.sent++;
      else if (result === 'already-sent') summary.alreadySent++;
      else if (result === 'suppressed') summary.suppressed++;
      else summary.optedOut++;
    } catch (error) {
      failed++;
      failure ??= error;
    }
  }
  const detail = `${summarize(summary, noun)}${sender.describe()}`;
  if (failure)
    throw new DeliveryError(
      `${detail}; ${failed} of ${mails.length} could not be sent`,
      summary.sent,
      failure,
    );
  return {
    outcome: summary.sent + summary.alreadySent > 0 ? 'succeeded' : 'skipped',
    detail,
    emailsSent: summary.sent,
  };
};
