import type { ConferenceRole } from '../auth/policy';
import type { NetworkingAccess } from '../conferences/attendee-contracts';

/** A person with a role in the conference, as networking sees them. */
export interface Participant {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: ConferenceRole;
  readonly networking: NetworkingAccess;
  readonly group: string | null;
}

/** A roster entry as stored: organizers and speakers added without an invitation carry no access. */
export const participantOf = (role: Record<string, unknown> | undefined): Participant | undefined =>
  role
    ? {
        userId: String(role.userId),
        name: String(role.name ?? ''),
        email: String(role.email ?? ''),
        role: role.role as ConferenceRole,
        networking: (role.networking as NetworkingAccess | undefined) ?? 'all',
        group: (role.group as string | null | undefined) ?? null,
      }
    : undefined;

/** `groups` keeps a person to their own group; a person without a group then meets nobody. */
const reaches = (from: Participant, to: Participant) =>
  from.networking === 'all' ||
  (from.networking === 'groups' && from.group !== null && from.group === to.group);

/** Whether two people may find, ask and message each other: both ways, and never oneself. */
export const mayMeet = (a: Participant, b: Participant): boolean =>
  a.userId !== b.userId && reaches(a, b) && reaches(b, a);
