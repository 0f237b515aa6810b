import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { previewImport } from '../../shared/imports/service';

export const previewImportRoute: RouteImplementation<typeof importRoutes.previewImport> = async ({
  params,
  body,
}) => ({ body: await previewImport(params.orgId, params.importId, body) });
