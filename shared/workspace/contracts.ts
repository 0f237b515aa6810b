import { authorizationView, oauthCallbackInput } from '../google/contracts';
import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';

/**
 * An organization's own Google Workspace account, connected by its owner (or an operator admin for it):
 * automation emails then go out through its Gmail, as the organization, Lead Capture can append each
 * lead to one of its Google Sheets, and the Appointment Helper puts its jobs into its Google Calendar.
 * Without it, mail goes through Portico's SES sender.
 *
 * States: `not-configured` (no Google OAuth client in the deployment), `not-connected`, `connected`,
 * and `revoked` (Google refused the stored grant: mail goes through SES again until someone reconnects).
 */
export const workspaceStatus = z.enum(['not-configured', 'not-connected', 'connected', 'revoked']);
export type WorkspaceStatus = z.infer<typeof workspaceStatus>;

export const workspaceConnectionView = z.object({
  orgId: id,
  status: workspaceStatus,
  /** The Google account mail is sent from. */
  account: z.nullable(z.string()),
  connectedAt: z.nullable(z.string()),
  /** Who connected it (a name). */
  connectedBy: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
  /** True when the local stand-in answers instead of Google (local development and demos). */
  standIn: z.boolean(),
});
export type WorkspaceConnectionView = z.infer<typeof workspaceConnectionView>;

const orgParams = z.strictObject({ orgId: id });

export const workspaceRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/google-workspace',
    name: 'get-google-workspace',
    access: 'org-member',
    summary:
      "Whether the organization's Google Workspace (Gmail, Sheets, Calendar) is connected, as which account",
    params: orgParams,
    response: workspaceConnectionView,
  }),
  authorize: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/google-workspace/authorize',
    name: 'authorize-google-workspace',
    access: 'org-owner',
    summary:
      "Start Google's consent screen for the organization (authorization code with PKCE; state bound to this user and organization)",
    params: orgParams,
    response: authorizationView,
  }),
  completeAuthorization: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/google-workspace/callback',
    name: 'complete-google-workspace-authorization',
    access: 'org-owner',
    summary: "Finish the consent: Google's code and state, sent on by the dashboard's callback page",
    params: orgParams,
    body: oauthCallbackInput,
    response: workspaceConnectionView,
  }),
  disconnect: defineRoute({
    method: 'DELETE',
    path: '/api/orgs/{orgId}/google-workspace',
    name: 'disconnect-google-workspace',
    access: 'org-owner',
    summary: 'Forget the grant (and revoke it at Google); automation mail goes through SES again',
    params: orgParams,
  }),
} as const;
