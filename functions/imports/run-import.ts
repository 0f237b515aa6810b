import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { runImport } from '../../shared/imports/service';

export const runImportRoute: RouteImplementation<typeof importRoutes.runImport> = async ({
  principal,
  params,
}) => ({ body: await runImport(principal, params.orgId, params.importId) });
