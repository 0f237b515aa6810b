import type { crmRoutes } from '../../shared/crm/contracts';
import { exportLeads } from '../../shared/crm/lead-export';
import type { RouteImplementation } from '../../shared/http/middleware';

export const exportLeadsRoute: RouteImplementation<typeof crmRoutes.exportLeads> = async ({
  params,
  query,
}) => {
  const { csv, fileName, nextCursor } = await exportLeads(params.orgId, query);
  return {
    body: csv,
    headers: {
      // Only the first part of an export carries the header row.
      'content-type': `text/csv; charset=utf-8; header=${query.cursor ? 'absent' : 'present'}`,
      'content-disposition': `attachment; filename="${fileName}"`,
      ...(nextCursor ? { 'x-next-cursor': nextCursor } : {}),
    },
  };
};
