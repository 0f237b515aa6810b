import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { completePasswordReset } from '../../shared/identity/service';

export const completePasswordResetRoute: RouteImplementation<
  typeof identityRoutes.completePasswordReset
> = async ({ body }) => {
  await completePasswordReset(body.token, body.password);
  return {};
};
