import type { engagementRoutes } from '../../shared/engagements/contracts';
import { completeUpload } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const completeEngagementUploadRoute: RouteImplementation<
  typeof engagementRoutes.completeUpload
> = async ({ principal, params, body }) => ({
  body: await completeUpload(principal, params.orgId, params.engagementId, params.uploadId, body),
});
