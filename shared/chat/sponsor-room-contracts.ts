import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';
import { roomView } from './contracts';

/**
 * A sponsor's room: one per sponsor of a conference, branded with the sponsor's name and logo, its
 * representatives members from the start. The organizer decides who comes in: every attendee on their
 * own (`open`), or only people a member adds (`invitation`).
 */
export const sponsorRoomAccess = z.enum(['open', 'invitation']);

export const sponsorRoomRoutes = {
  openSponsorRoom: defineRoute({
    method: 'PUT',
    path: '/api/orgs/{orgId}/conferences/{conferenceId}/sponsors/{sponsorId}/room',
    name: 'open-sponsor-room',
    access: 'conference-organizer',
    summary: "Creates the sponsor's room (or changes its access), with the sponsor's representatives in it",
    params: z.strictObject({ orgId: id, conferenceId: id, sponsorId: id }),
    body: z.strictObject({ access: sponsorRoomAccess }),
    response: roomView,
  }),
} as const;
