import { engagementRoutes } from '../../shared/engagements/contracts';
import { bind, httpModule } from '../../shared/http/module';
import { addEngagementNoteRoute } from './add-engagement-note';
import { createEngagementRoute } from './create-engagement';
import { diffEngagementVersionsRoute } from './diff-engagement-versions';
import { downloadEngagementRoute } from './download-engagement';
import { getEngagementRoute } from './get-engagement';
import { listAllEngagementsRoute } from './list-all-engagements';
import { listEngagementNotesRoute } from './list-engagement-notes';
import { listEngagementVersionsRoute } from './list-engagement-versions';
import { listEngagementsRoute } from './list-engagements';
import { replaceEngagementContentRoute } from './replace-engagement-content';
import { setTaskStatusRoute } from './set-task-status';
import { updateEngagementRoute } from './update-engagement';

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
]);
