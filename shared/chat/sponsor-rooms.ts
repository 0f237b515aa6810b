import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { listSponsors } from '../conferences';
import { NotFoundError } from '../http/errors';
import type { RoomView } from './contracts';
import type { MemberItem, RoomItem } from './repository';
import * as repository from './repository';
import { toRoomView } from './service';
import * as sponsorRooms from './sponsor-room-repository';

/**
 * Opens the sponsor's room, or changes who may come in. The organizer and the sponsor's representatives
 * (people with a role in the event, guests of other organizations among them, who take part in its rooms)
 * are members from the start; representatives added to the sponsor later are added when it is opened
 * again. The sponsors and the room are read side by side, the room written in one more round trip.
 */
export const openSponsorRoom = async (
  organizer: Principal,
  orgId: string,
  conferenceId: string,
  sponsorId: string,
  access: 'open' | 'invitation',
): Promise<RoomView> => {
  const [{ sponsors }, existing] = await Promise.all([
    listSponsors(orgId, conferenceId, true),
    sponsorRooms.findSponsorRoom(orgId, conferenceId, sponsorId),
  ]);
  const sponsor = sponsors.find((candidate) => candidate.id === sponsorId);
  if (!sponsor) throw new NotFoundError('No such sponsor');
  const brand = { id: sponsor.id, name: sponsor.name, logoUrl: sponsor.logoUrl };
  const name = `${sponsor.name} booth`.slice(0, 80);
  const now = new Date().toISOString();
  const people = new Map([
    [organizer.userId, organizer.name],
    ...sponsor.representatives.map((rep) => [rep.userId, rep.name] as const),
  ]);
  const members: MemberItem[] = [...people].map(([userId, personName]) => ({
    userId,
    name: personName,
    joinedAt: now,
    readSeq: existing?.seq ?? 0,
    readMessageId: null,
  }));
  const organizerMember = members.find((member) => member.userId === organizer.userId);
  if (existing) {
    // Members already in keep their read pointer: adding only takes people who are not.
    const [room] = await Promise.all([
      sponsorRooms.updateSponsorRoom(orgId, existing.id, { access, sponsor: brand, name }),
      ...members.map((member) => repository.addMember(orgId, existing.id, member)),
    ]);
    return toRoomView(room, organizerMember);
  }
  const room: RoomItem = {
    id: ulid(),
    orgId,
    name,
    kind: 'sponsor',
    conferenceId,
    createdBy: organizer.userId,
    createdAt: now,
    lastMessageAt: null,
    lastMessageId: null,
    seq: 0,
    access,
    sponsor: brand,
  };
  await repository.createRoom(room, members);
  return toRoomView(room, organizerMember);
};
