import type { imageRoutes } from '../../shared/conferences/image-contracts';
import { completeImageUpload } from '../../shared/conferences/images';
import type { RouteImplementation } from '../../shared/http/middleware';

export const completeImageUploadRoute: RouteImplementation<typeof imageRoutes.completeImageUpload> = async ({
  principal,
  params,
  body,
}) => ({
  body: await completeImageUpload(principal, params.orgId, params.conferenceId, params.imageId, body.target),
});
