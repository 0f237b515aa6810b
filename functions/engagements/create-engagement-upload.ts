import type { engagementRoutes } from '../../shared/engagements/contracts';
import { createUpload } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createEngagementUploadRoute: RouteImplementation<typeof engagementRoutes.createUpload> = async ({
  params,
  body,
}) => ({
  body: await createUpload(params.orgId, params.engagementId, body),
});
