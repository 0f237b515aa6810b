import * as z from '../schema/zod';
import * as attendees from './attendee-repository';

const notification = z.catchall(
  z.object({
    notificationType: z.optional(z.string()),
    eventType: z.optional(z.string()),
    mail: z.catchall(
      z.object({ messageId: z.string().check(z.minLength(1), z.maxLength(200)) }),
      z.unknown(),
    ),
    bounce: z.optional(
      z.catchall(
        z.object({
          bounceType: z.string(),
          bouncedRecipients: z.array(
            z.catchall(
              z.object({ diagnosticCode: z.optional(z.string()), status: z.optional(z.string()) }),
              z.unknown(),
            ),
          ),
        }),
        z.unknown(),
      ),
    ),
  }),
  z.unknown(),
);

export type InvitationFeedback = 'delivered' | 'bounced' | 'not-an-invitation' | 'ignored';

/**
 * Tracks a conference invitation by SES's word about its message: a delivery moves it from `sent` to
 * `delivered`, a permanent bounce from `sent` or `delivered` to `bounced` (with SES's reason). Messages
 * that were no invitation, transient bounces, complaints, and news about a send a resend replaced change
 * nothing. Accepted and revoked invitations stay as they are.
 */
export const applyInvitationFeedback = async (message: string): Promise<InvitationFeedback> => {
  const parsed = notification.safeParse(JSON.parse(message));
  if (!parsed.success || parsed.data.mail.messageId.includes('#')) return 'not-an-invitation';
  const sent = await attendees.getSentMessage(parsed.data.mail.messageId);
  if (!sent) return 'not-an-invitation';
  const type = parsed.data.notificationType ?? parsed.data.eventType;
  const now = new Date().toISOString();
  if (type === 'Delivery') {
    return (await attendees.markDelivery(sent, 'delivered', ['sent'], null, now)) ? 'delivered' : 'ignored';
  }
  if (type === 'Bounce' && parsed.data.bounce?.bounceType === 'Permanent') {
    const recipient = parsed.data.bounce.bouncedRecipients[0];
    const reason = [recipient?.status, recipient?.diagnosticCode].filter(Boolean).join(': ') || 'Bounced';
    return (await attendees.markDelivery(sent, 'bounced', ['sent', 'delivered'], reason.slice(0, 300), now))
      ? 'bounced'
      : 'ignored';
  }
  return 'ignored';
};
