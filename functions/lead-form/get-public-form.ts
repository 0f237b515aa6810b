import type { RouteImplementation } from '../../shared/http/middleware';
import type { leadFormRoutes } from '../../shared/lead-form/contracts';
import { getPublicForm } from '../../shared/lead-form/service';

export const getPublicFormRoute: RouteImplementation<typeof leadFormRoutes.getForm> = async ({
  params,
  request,
}) => ({
  body: await getPublicForm({ slug: params.slug, requestId: request.requestId, origin: request.origin }),
});
