import type { RouteImplementation } from '../../shared/http/middleware';
import type { leadFormRoutes } from '../../shared/lead-form/contracts';
import { preflightHeaders } from '../../shared/lead-form/cors';
import { checkPreflight } from '../../shared/lead-form/service';

export const preflightPublicFormRoute: RouteImplementation<typeof leadFormRoutes.preflightForm> = async ({
  params,
  request,
}) => {
  await checkPreflight({ slug: params.slug, requestId: request.requestId, origin: request.origin });
  return { status: 204, headers: preflightHeaders('GET, OPTIONS') };
};
