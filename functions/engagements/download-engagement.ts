import type { engagementRoutes } from '../../shared/engagements/contracts';
import { download } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const downloadEngagementRoute: RouteImplementation<typeof engagementRoutes.download> = async ({
  params,
  query,
}) => {
  const { content, fileName } = await download(params.orgId, params.engagementId, query.version);
  return {
    body: content,
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
    },
  };
};
