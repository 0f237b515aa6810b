import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { createTicket } from '../../shared/realtime';

export const createWsTicketRoute: RouteImplementation<typeof identityRoutes.wsTicket> = async ({
  principal,
}) => ({
  body: await createTicket(principal),
});
