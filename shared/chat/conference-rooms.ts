import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors';
import type { RoomItem } from './repository';
import * as repository from './repository';

/**
 * Rooms bound to a conference follow it: they can only be made for a conference of the organization,
 * their open rooms take the people on its roster (organizers, speakers, attendees) on their own — anyone
 * else of the organization joins by invitation, as for private rooms — and while the organizers keep the
 * conference's chat off, nobody joins or posts.
 */
export const assertConferenceExists = async (
  orgId: string,
  conferenceId: string | undefined,
  userId: string,
) => {
  if (!conferenceId) return;
  const access = await repository.getConferenceAccess(orgId, conferenceId, userId);
  if (!access.exists)
    throw new ValidationError([{ path: 'conferenceId', message: 'No such event in this organization' }]);
};

/** For a caller about to join (or post in) a room; `member` when they already are one. */
export const assertConferenceRoomOpen = async (
  orgId: string,
  room: RoomItem,
  caller: { readonly userId: string; readonly manages: boolean },
  member: boolean,
) => {
  if (!room.conferenceId) return;
  const access = await repository.getConferenceAccess(orgId, room.conferenceId, caller.userId);
  if (!access.exists) throw new NotFoundError('No such room');
  if (!access.chatOn) throw new ForbiddenError('Chat is off for this event');
  if (!member && !caller.manages && access.role === undefined)
    throw new ForbiddenError('This event’s rooms are for its organizers, speakers and attendees');
};
