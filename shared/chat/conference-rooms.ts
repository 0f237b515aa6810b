import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors';
import { listedAmong } from '../networking';
import type { ConferenceAccess, RoomItem } from './repository';
import * as repository from './repository';

/** For a caller about to join (or post in) a room; `member` when they already are one. */
export const assertConferenceRoomOpen = async (
  orgId: string,
  room: RoomItem,
  caller: { readonly userId: string; readonly manages: boolean },
  member: boolean,
) => {
  if (!room.conferenceId) return;
  checkConferenceRoomOpen(
    await repository.getConferenceAccess(orgId, room.conferenceId, caller.userId),
    caller,
    member,
  );
};

/** The same check on what the conference says, when the caller already read it. */
export const checkConferenceRoomOpen = (
  access: ConferenceAccess | undefined,
  caller: { readonly manages: boolean },
  member: boolean,
) => {
  if (!access) return;
  if (!access.exists) throw new NotFoundError('No such room');
  if (!access.chatOn) throw new ForbiddenError('Chat is off for this event');
  if (!rosterAdmits(access.role, caller, member))
    throw new ForbiddenError('This event’s rooms are for its organizers, speakers and attendees');
};

/** The roster's rule for an event's room: members stay; managers and people on the roster come in. */
export const rosterAdmits = (
  role: ConferenceAccess['role'],
  caller: { readonly manages: boolean },
  member: boolean,
) => member || caller.manages || role !== undefined;

/**
 * Of a conference room's members, those the caller sees in its member list: people who opted into the
 * event's directory, and the caller. Hidden people stay hidden here too.
 */
export const shownMembers = async <M extends { readonly userId: string }>(
  orgId: string,
  room: RoomItem,
  callerId: string,
  members: readonly M[],
): Promise<readonly M[]> => {
  if (!room.conferenceId) return members;
  const others = members.map((member) => member.userId).filter((userId) => userId !== callerId);
  const listed = await listedAmong(orgId, room.conferenceId, others);
  return members.filter((member) => member.userId === callerId || listed.has(member.userId));
};

/** Mentions in a conference room may name only listed people (or the author): hidden is as absent. */
export const assertMentionable = async (
  orgId: string,
  room: RoomItem,
  authorId: string,
  mentions: readonly string[],
) => {
  if (!room.conferenceId || mentions.length === 0) return;
  const others = mentions.filter((userId) => userId !== authorId);
  const listed = await listedAmong(orgId, room.conferenceId, others);
  const hidden = others.filter((userId) => !listed.has(userId));
  if (hidden.length)
    throw new ValidationError(
      hidden.map((userId) => ({
        path: `mentions.${mentions.indexOf(userId)}`,
        message: 'Not a member of this room',
      })),
    );
};
