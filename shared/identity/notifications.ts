import { appLink } from '../email/links';
import { renderEmail } from '../email/render';
import { sendEmail } from '../email/send';
import type { EventDetail } from '../events/catalog';
import { getOrganization } from '../organizations';
import type { DueItem } from '../platform';
import { getUser } from './repository';

/** Whoever sent an invitation hears when it is accepted. */
export const notifyInviterOfJoin = async (detail: EventDetail<'user.joined'>): Promise<void> => {
  if (!detail.invitedBy) return;
  const [inviter, joined, org] = await Promise.all([
    getUser(detail.invitedBy),
    getUser(detail.joinedUserId),
    detail.orgId ? getOrganization(detail.orgId) : undefined,
  ]);
  if (inviter?.status !== 'active' || !joined) return;
  await sendEmail(
    [inviter.email],
    renderEmail(`${joined.name} accepted your invitation`, [
      { kind: 'paragraph', text: `Hello ${inviter.name},` },
      {
        kind: 'paragraph',
        text: `${joined.name} (${joined.email}) accepted your invitation${org ? ` to ${org.name}` : ''} and can sign in now.`,
      },
    ]),
  );
};

export const invitationExpiredKind = 'invitation-expired';

/** Due when an invitation link expires unused: the inviter hears so they can resend it. */
export const notifyInviterOfExpiry = async ({ payload }: DueItem): Promise<void> => {
  const { userId, tokenHash } = payload as { userId: string; tokenHash: string };
  const user = await getUser(userId);
  // Accepted, deactivated or re-sent since: nothing expired.
  if (user?.status !== 'invited' || user.invitationTokenHash !== tokenHash || !user.invitedBy) return;
  const inviter = await getUser(user.invitedBy);
  if (inviter?.status !== 'active') return;
  await sendEmail(
    [inviter.email],
    renderEmail(`The invitation for ${user.email} expired`, [
      { kind: 'paragraph', text: `Hello ${inviter.name},` },
      {
        kind: 'paragraph',
        text: `${user.name} (${user.email}) did not accept the invitation within 7 days. You can send a fresh one from the users page.`,
      },
      { kind: 'button', label: 'Open users', url: appLink('users') },
    ]),
  );
};
