import { NotFoundError } from '../../shared/http/errors';
import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { getUser } from '../../shared/identity/repository';
import { toUserView } from '../../shared/identity/service';

export const getMeRoute: RouteImplementation<typeof identityRoutes.me> = async ({ principal }) => {
  const user = await getUser(principal.userId);
  if (!user) throw new NotFoundError();
  return { body: toUserView(user) };
};
