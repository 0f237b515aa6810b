import { listMemberships, type MembershipItem } from '../identity';

/** The organization's users who get alerts and digests: its active owners and members. */
export const activeUsers = async (orgId: string): Promise<MembershipItem[]> => {
  const users: MembershipItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMemberships(orgId, 100, cursor);
    users.push(...page.items.filter((user) => user.status === 'active'));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
};

/** Customers' replies go to the organization's owner. */
export const replyAddress = async (orgId: string): Promise<string | undefined> =>
  (await activeUsers(orgId)).find((user) => user.role === 'owner')?.email;
