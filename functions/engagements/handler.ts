import { engagementRoutes } from '../../shared/engagements/contracts';
import { bind, httpModule } from '../../shared/http/module';
import { addEngagementNoteRoute } from './add-engagement-note';
import { completeEngagementUploadRoute } from './complete-engagement-upload';
import { createEngagementRoute } from './create-engagement';
import { createEngagementUploadRoute } from './create-engagement-upload';
import { diffEngagementVersionsRoute } from './diff-engagement-versions';
import { downloadEngagementRoute } from './download-engagement';
import { getEngagementRoute } from './get-engagement';
import { getEngagementMarkersRoute } from './get-engagement-markers';
import { listAllEngagementsRoute } from './list-all-engagements';
import { listEngagementNotesRoute } from './list-engagement-notes';
import { listEngagementVersionsRoute } from './list-engagement-versions';
import { listEngagementsRoute } from './list-engagements';
import { replaceEngagementContentRoute } from './replace-engagement-content';
import { setTaskStatusRoute } from './set-task-status';
import { updateEngagementRoute } from './update-engagement';
import { updateEngagementMarkersRoute } from './update-engagement-markers';

export const handler = httpModule([
  bind(engagementRoutes.overview, listAllEngagementsRoute),
  bind(engagementRoutes.create, createEngagementRoute),
  bind(engagementRoutes.listForOrganization, listEngagementsRoute),
  bind(engagementRoutes.get, getEngagementRoute),
  bind(engagementRoutes.update, updateEngagementRoute),
  bind(engagementRoutes.replaceContent, replaceEngagementContentRoute),
  bind(engagementRoutes.download, downloadEngagementRoute),
  bind(engagementRoutes.setTaskStatus, setTaskStatusRoute),
  bind(engagementRoutes.versions, listEngagementVersionsRoute),
  bind(engagementRoutes.diff, diffEngagementVersionsRoute),
  bind(engagementRoutes.addNote, addEngagementNoteRoute),
  bind(engagementRoutes.notes, listEngagementNotesRoute),
  bind(engagementRoutes.createUpload, createEngagementUploadRoute),
  bind(engagementRoutes.completeUpload, completeEngagementUploadRoute),
  bind(engagementRoutes.markerSettings, getEngagementMarkersRoute),
  bind(engagementRoutes.updateMarkerSettings, updateEngagementMarkersRoute),
]);
