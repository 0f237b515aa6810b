import { escapeHtml } from '../email/render';
import type { MailingList } from '../email/unsubscribe';
import { verifyUnsubscribeToken } from '../email/unsubscribe';
import { outboxPut } from '../events/outbox';
import { NotFoundError } from '../http/errors';
import { logger } from '../observability/logger';
import { getOrganization } from '../organizations';
import * as z from '../schema/zod';
import * as repository from './repository';

/** What each list is, in the words of the page a recipient sees. */
export const listLabels: Record<MailingList, string> = {
  customer: 'follow-ups, appointment emails and review requests',
  'lead-alerts': 'new-lead alerts',
  digest: 'the daily digest',
};

export interface HtmlPage {
  readonly status: number;
  readonly html: string;
}

const page = (title: string, body: string, color = '#3b5bdb'): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>
body{margin:0;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328}
main{max-width:480px;margin:64px auto;background:#fff;border-radius:8px;padding:32px;border-top:4px solid ${color}}
h1{font-size:20px;margin:0 0 16px}p{line-height:1.5}button{background:${color};color:#fff;border:0;border-radius:6px;
padding:12px 20px;font-size:16px;cursor:pointer}</style></head><body><main>
${body}
</main></body></html>`;

const invalidLink = (): HtmlPage => ({
  status: 400,
  html: page(
    'This link does not work',
    '<h1>This link does not work</h1><p>The unsubscribe link is incomplete or was changed. Please use the link from the email itself.</p>',
  ),
});

const safeColor = (color: string | undefined) =>
  color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#3b5bdb';

const load = async (token: string) => {
  const claim = await verifyUnsubscribeToken(token);
  if (!claim) return undefined;
  const org = await getOrganization(claim.orgId);
  return { claim, orgName: org?.name ?? 'this sender', color: safeColor(org?.branding.color) };
};

/**
 * The page a link opens. It asks before unsubscribing: link scanners and previews fetch links with GET,
 * and must not unsubscribe anybody; a person's click and a mail client's one-click POST do.
 */
export const unsubscribePage = async (token: string): Promise<HtmlPage> => {
  const found = await load(token);
  if (!found) return invalidLink();
  const { claim, orgName, color } = found;
  return {
    status: 200,
    html: page(
      `Unsubscribe from ${orgName}`,
      `<h1>Unsubscribe from ${escapeHtml(orgName)}?</h1>
<p><strong>${escapeHtml(claim.address)}</strong> will no longer get ${escapeHtml(listLabels[claim.list])} from ${escapeHtml(orgName)}.</p>
<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}"><input type="hidden" name="confirm" value="yes"><button type="submit">Unsubscribe</button></form>`,
      color,
    ),
  };
};

/** Leaves the list; the page says so. Doing it twice is fine. */
export const unsubscribe = async (token: string, via: 'page' | 'one-click'): Promise<HtmlPage> => {
  const found = await load(token);
  if (!found) return invalidLink();
  const { claim, orgName, color } = found;
  // Queued automation mail to the address stops now, not only when it comes due.
  const event = outboxPut('email.unsubscribed', {
    version: 1,
    orgId: claim.orgId,
    list: claim.list,
    address: claim.address,
  });
  await repository.optOut(claim.orgId, claim.list, claim.address, new Date().toISOString(), event);
  logger.info('Unsubscribed', { orgId: claim.orgId, list: claim.list, via });
  return {
    status: 200,
    html: page(
      'You are unsubscribed',
      `<h1>You are unsubscribed</h1><p>${escapeHtml(claim.address)} will no longer get ${escapeHtml(listLabels[claim.list])} from ${escapeHtml(orgName)}.</p>`,
      color,
    ),
  };
};

export const listSuppressions = (limit: number, cursor?: string) =>
  repository.listSuppressions(limit, cursor);

export const removeSuppression = async (address: string): Promise<void> => {
  if (!(await repository.removeSuppression(address)))
    throw new NotFoundError('This address is not suppressed');
};

// SES bounce and complaint notifications, as SNS delivers them.

const recipient = z.catchall(z.object({ emailAddress: z.string() }), z.unknown());
const notification = z.catchall(
  z.object({
    /** Identity notifications say `notificationType`, configuration-set event destinations `eventType`. */
    notificationType: z.optional(z.string()),
    eventType: z.optional(z.string()),
    bounce: z.optional(
      z.object({
        bounceType: z.string(),
        bounceSubType: z.optional(z.string()),
        bouncedRecipients: z.array(
          z.extend(recipient, { status: z.optional(z.string()), diagnosticCode: z.optional(z.string()) }),
        ),
        timestamp: z.optional(z.string()),
      }),
    ),
    complaint: z.optional(
      z.object({
        complainedRecipients: z.array(recipient),
        complaintFeedbackType: z.optional(z.string()),
        timestamp: z.optional(z.string()),
      }),
    ),
  }),
  z.unknown(),
);

export interface FeedbackOutcome {
  readonly suppressed: string[];
  readonly ignored: string[];
}

/**
 * Applies one SES notification: a permanent bounce or a complaint suppresses each recipient it names; a
 * transient bounce (mailbox full, greylisting) does not, SES retried it already. Throws on a message that
 * is not an SES notification, so it ends in the dead-letter queue instead of vanishing.
 */
export const applyFeedback = async (message: string, receivedAt: string): Promise<FeedbackOutcome> => {
  const parsed = notification.parse(JSON.parse(message));
  const type = parsed.notificationType ?? parsed.eventType;
  const outcome: FeedbackOutcome = { suppressed: [], ignored: [] };
  if (type === 'Bounce' && parsed.bounce) {
    const { bounce } = parsed;
    for (const bounced of bounce.bouncedRecipients) {
      if (bounce.bounceType !== 'Permanent') {
        outcome.ignored.push(bounced.emailAddress);
        continue;
      }
      const detail = [
        `${bounce.bounceType}/${bounce.bounceSubType ?? 'General'}`,
        bounced.status,
        bounced.diagnosticCode,
      ]
        .filter(Boolean)
        .join(': ');
      await repository.suppress(bounced.emailAddress, 'bounce', detail, bounce.timestamp ?? receivedAt);
      outcome.suppressed.push(bounced.emailAddress.toLowerCase());
    }
  } else if (type === 'Complaint' && parsed.complaint) {
    const { complaint } = parsed;
    for (const complained of complaint.complainedRecipients) {
      await repository.suppress(
        complained.emailAddress,
        'complaint',
        complaint.complaintFeedbackType ?? 'complaint',
        complaint.timestamp ?? receivedAt,
      );
      outcome.suppressed.push(complained.emailAddress.toLowerCase());
    }
  } else if (type !== 'Delivery') {
    // Deliveries suppress nobody; they matter to whoever tracks the message (conference invitations).
    throw new Error(`Not a bounce, complaint or delivery notification: ${type ?? 'no type'}`);
  }
  return outcome;
};
