import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { checkImport } from '../../shared/imports/service';

export const checkImportRoute: RouteImplementation<typeof importRoutes.checkImport> = async ({
  principal,
  params,
  body,
}) => ({ body: await checkImport(principal, params.orgId, params.importId, body) });
