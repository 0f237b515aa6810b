import { bind, httpModule } from '../../shared/http/module';
import { workspaceRoutes } from '../../shared/workspace/contracts';
import { authorizeGoogleWorkspaceRoute } from './authorize-google-workspace';
import { completeGoogleWorkspaceAuthorizationRoute } from './complete-google-workspace-authorization';
import { disconnectGoogleWorkspaceRoute } from './disconnect-google-workspace';
import { getGoogleWorkspaceRoute } from './get-google-workspace';

export const handler = httpModule([
  bind(workspaceRoutes.get, getGoogleWorkspaceRoute),
  bind(workspaceRoutes.authorize, authorizeGoogleWorkspaceRoute),
  bind(workspaceRoutes.completeAuthorization, completeGoogleWorkspaceAuthorizationRoute),
  bind(workspaceRoutes.disconnect, disconnectGoogleWorkspaceRoute),
]);
