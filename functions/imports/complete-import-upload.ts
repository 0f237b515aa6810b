import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { completeUpload } from '../../shared/imports/service';

export const completeImportUploadRoute: RouteImplementation<typeof importRoutes.completeUpload> = async ({
  params,
}) => ({ body: await completeUpload(params.orgId, params.importId) });
