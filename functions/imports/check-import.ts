import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { checkImport } from '../../shared/imports/service';

export const checkImportRoute: RouteImplementation<typeof importRoutes.checkImport> = async ({
  params,
  body,
}) => ({ body: await checkImport(params.orgId, params.importId, body) });
