import type { imageRoutes } from '../../shared/conferences/image-contracts';
import { createImageUpload } from '../../shared/conferences/images';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createImageUploadRoute: RouteImplementation<typeof imageRoutes.createImageUpload> = async ({
  params,
  body,
}) => ({ body: await createImageUpload(params.orgId, params.conferenceId, body) });
