import * as z from 'zod';
import * as attendees from './attendee-repository';

const notification = z
  .object({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    mail: z.object({ messageId: z.string().min(1).max(200) }).passthrough(),
    bounce: z
      .object({
        bounceType: z.string(),
        bouncedRecipients: z.array(
          z.object({ diagnosticCode: z.string().optional(), status: z.string().optional() }).passthrough(),
        ),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

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
