import type { ConferenceRole } from '../auth/policy';
import { type NetworkingAccess, networkingAccess } from '../conferences/attendee-contracts';
import { conferenceRole } from '../conferences/contracts';
import { parseItem } from '../db/item';
import * as z from '../schema/zod';

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
const rosterEntrySchema = z.object({
  userId: z.string(),
  name: z._default(z.string(), ''),
  email: z._default(z.string(), ''),
  role: conferenceRole,
  networking: z._default(networkingAccess, 'all'),
  group: z._default(z.nullable(z.string()), null),
});

export const participantOf = (role: Record<string, unknown> | undefined): Participant | undefined =>
  parseItem(rosterEntrySchema, role);

/** `groups` keeps a person to their own group; a person without a group then meets nobody. */
const reaches = (from: Participant, to: Participant) =>
  from.networking === 'all' ||
  (from.networking === 'groups' && from.group !== null && from.group === to.group);

/** Whether two people may find, ask and message each other: both ways, and never oneself. */
export const mayMeet = (a: Participant, b: Participant): boolean =>
  a.userId !== b.userId && reaches(a, b) && reaches(b, a);
