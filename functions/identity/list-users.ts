import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { listUsers } from '../../shared/identity/service';

export const listUsersRoute: RouteImplementation<typeof identityRoutes.listUsers> = async ({ query }) => ({
  body: await listUsers(query),
});
