import type { imageRoutes } from '../../shared/conferences/image-contracts';
import { imageLink, imageLinkMaxAge } from '../../shared/conferences/images';
import type { RouteImplementation } from '../../shared/http/middleware';

/** Redirects to the file itself: pages keep a stable link, the bucket stays private. */
export const getConferenceImageRoute: RouteImplementation<typeof imageRoutes.conferenceImage> = async ({
  params,
}) => ({
  headers: {
    location: await imageLink(params.orgId, params.conferenceId, params.imageId),
    'cache-control': `public, max-age=${imageLinkMaxAge}`,
  },
});
