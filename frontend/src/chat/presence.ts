import type { MemberView } from '../../../shared/chat/contracts';

/** How a person's presence reads next to their name, in rooms and direct messages alike. */
export const presenceLabel: Readonly<Record<MemberView['presence'], string>> = {
  online: 'Online',
  away: 'Away',
  offline: 'Offline',
};
