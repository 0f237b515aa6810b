import type { sponsorRoomRoutes } from '../../shared/chat/sponsor-room-contracts';
import { openSponsorRoom } from '../../shared/chat/sponsor-rooms';
import type { RouteImplementation } from '../../shared/http/middleware';

export const openSponsorRoomRoute: RouteImplementation<typeof sponsorRoomRoutes.openSponsorRoom> = async ({
  principal,
  params,
  body,
}) => ({
  body: await openSponsorRoom(principal, params.orgId, params.conferenceId, params.sponsorId, body.access),
});
