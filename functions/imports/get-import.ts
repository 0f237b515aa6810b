import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { getImport } from '../../shared/imports/service';

export const getImportRoute: RouteImplementation<typeof importRoutes.getImport> = async ({ params }) => ({
  body: await getImport(params.orgId, params.importId),
});
