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
 * Opens the sponsor's room, or changes who may come in. Its representatives who belong to the
 * organization are members from the start (representatives who are guests of the event have no chat
 * in the organization); representatives added to the sponsor later are added when it is opened again.
 */
export const openSponsorRoom = async (
  organizer: Principal,
  orgId: string,
  conferenceId: string,
  sponsorId: string,
  access: 'open' | 'invitation',
): Promise<RoomView> => {
  const { sponsors } = await listSponsors(orgId, conferenceId, true);
  const sponsor = sponsors.find((candidate) => candidate.id === sponsorId);
  if (!sponsor) throw new NotFoundError('No such sponsor');
  const brand = { id: sponsor.id, name: sponsor.name, logoUrl: sponsor.logoUrl };
  const name = `${sponsor.name} booth`.slice(0, 80);
  const now = new Date().toISOString();
  const people = await repository.getOrganizationMembers(orgId, [
    ...new Set([organizer.userId, ...sponsor.representatives.map((rep) => rep.userId)]),
  ]);
  const members: MemberItem[] = [...people].map(([userId, person]) => ({
    userId,
    name: person.name,
    joinedAt: now,
    readSeq: 0,
    readMessageId: null,
  }));
  const existing = await sponsorRooms.findSponsorRoom(orgId, conferenceId, sponsorId);
  if (existing) {
    const room = await sponsorRooms.updateSponsorRoom(orgId, existing.id, { access, sponsor: brand, name });
    await Promise.all(
      members.map((member) => repository.addMember(orgId, room.id, { ...member, readSeq: room.seq })),
    );
    return toRoomView(
      room,
      members.find((member) => member.userId === organizer.userId),
    );
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
  return toRoomView(
    room,
    members.find((member) => member.userId === organizer.userId),
  );
};
