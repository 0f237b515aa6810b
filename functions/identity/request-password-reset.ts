import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { requestPasswordReset } from '../../shared/identity/service';

export const requestPasswordResetRoute: RouteImplementation<
  typeof identityRoutes.requestPasswordReset
> = async ({ body }) => {
  await requestPasswordReset(body.email);
  return { status: 202 };
};
