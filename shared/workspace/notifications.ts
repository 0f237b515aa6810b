import { appLink } from '../email/links';
import { renderEmail } from '../email/render';
import { sendEmail } from '../email/send';
import { getUser, listMemberships, type MembershipItem } from '../identity';
import { getOrganization } from '../organizations';
import type { WorkspaceConnectionItem } from './repository';

const activeOwners = async (orgId: string): Promise<MembershipItem[]> => {
  const owners: MembershipItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMemberships(orgId, 100, cursor);
    owners.push(...page.items.filter((user) => user.status === 'active' && user.role === 'owner'));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return owners;
};

/**
 * Google refused the organization's grant: its owners hear once (through SES, the one sender left), with
 * the way back. An organization without an active owner tells whoever connected it.
 */
export const notifyWorkspaceRevoked = async (connection: WorkspaceConnectionItem): Promise<void> => {
  const [organization, owners] = await Promise.all([
    getOrganization(connection.orgId),
    activeOwners(connection.orgId),
  ]);
  const connector = owners.length === 0 ? await getUser(connection.connectedBy) : undefined;
  const recipients =
    owners.length > 0
      ? owners.map((owner) => ({ email: owner.email, name: owner.name, url: appLink('dashboard') }))
      : connector?.status === 'active'
        ? [
            {
              email: connector.email,
              name: connector.name,
              url:
                connector.role === 'admin'
                  ? appLink('organization', { orgId: connection.orgId })
                  : appLink('dashboard'),
            },
          ]
        : [];
  const name = organization?.name ?? 'your organization';
  for (const recipient of recipients)
    await sendEmail(
      [recipient.email],
      renderEmail(`Reconnect Google Workspace for ${name}`, [
        { kind: 'paragraph', text: `Hello ${recipient.name},` },
        {
          kind: 'paragraph',
          text: `Google no longer accepts Portico's access to ${connection.account} (the access was revoked or expired). Until you connect Google Workspace again, ${name}'s automation emails go out from Portico's own address instead of Gmail, and no rows are added to Google Sheets.`,
        },
        { kind: 'button', label: 'Reconnect Google Workspace', url: recipient.url },
      ]),
    );
};
