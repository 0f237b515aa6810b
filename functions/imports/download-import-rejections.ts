import type { RouteImplementation } from '../../shared/http/middleware';
import type { importRoutes } from '../../shared/imports/contracts';
import { rejectedRowsCsv } from '../../shared/imports/service';

export const downloadImportRejectionsRoute: RouteImplementation<
  typeof importRoutes.downloadRejected
> = async ({ params }) => {
  const { csv, fileName } = await rejectedRowsCsv(params.orgId, params.importId);
  return {
    body: csv,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${fileName}"`,
    },
  };
};
