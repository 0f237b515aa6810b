import type { engagementRoutes } from '../../shared/engagements/contracts';
import { addNote } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const addEngagementNoteRoute: RouteImplementation<typeof engagementRoutes.addNote> = async ({
  principal,
  params,
  body,
}) => ({
  body: await addNote(principal, params.orgId, params.engagementId, body.text),
});
