import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { createImport } from '../../shared/imports/service';

export const createImportRoute: RouteImplementation<typeof importRoutes.createImport> = async ({
  principal,
  params,
  body,
}) => ({ body: await createImport(principal, params.orgId, body) });
