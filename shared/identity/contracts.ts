import { id, page, pageQuery, requiredText, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { secretText } from '../http/text';
import * as z from '../schema/zod';

export const email = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email('Must be an email address'));
/** ASVS 5.0 §6.2: at least 8 characters (we ask 12), long passphrases allowed, no composition rules. */
export const password = secretText(12, 256);

/**
 * `guest`: a person outside every organization (an external speaker or attendee); they reach only the
 * conferences they have a role in.
 */
export const roles = ['admin', 'owner', 'member', 'guest'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
export const userStatus = z.enum(['invited', 'active', 'deactivated']);
export type UserStatus = z.infer<typeof userStatus>;

export const userView = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role,
  orgId: z.nullable(id),
  status: userStatus,
  createdAt: z.string(),
  lastSignInAt: z.nullable(z.string()),
});
export type UserView = z.infer<typeof userView>;

export const signInInput = z.strictObject({ email, password: secretText(1, 256) });
export const sessionView = z.object({
  accessToken: z.string(),
  expiresIn: z.number().check(z.int()),
  user: userView,
});
export type SessionView = z.infer<typeof sessionView>;

export const passwordResetRequestInput = z.strictObject({ email });
/** A link's single-use token as Portico mints it: base64url. */
const linkToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{20,200}$/, 'Not a link issued by Portico'));

export const passwordResetCompleteInput = z.strictObject({ token: linkToken, password });

export const invitationTokenParams = z.strictObject({ token: linkToken });
export const invitationView = z.object({
  email: z.string(),
  name: z.string(),
  role,
  organizationName: z.nullable(z.string()),
  expiresAt: z.string(),
});
export const acceptInvitationInput = z.strictObject({
  token: linkToken,
  name: requiredText(120),
  password,
});

export const inviteUserInput = z
  .strictObject({ email, name: requiredText(120), role, orgId: z.optional(id) })
  .check(
    z.superRefine((value, ctx) => {
      if (value.role === 'admin' && value.orgId)
        ctx.addIssue({
          code: 'custom',
          path: ['orgId'],
          message: 'Operator admins belong to no organization',
        });
      if (value.role === 'guest' && value.orgId)
        ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'Guests belong to no organization' });
      if ((value.role === 'owner' || value.role === 'member') && !value.orgId)
        ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'Choose the organization' });
    }),
  );
export type InviteUserInput = z.infer<typeof inviteUserInput>;

export const listUsersQuery = z.extend(pageQuery, {
  q: z.optional(text(100).check(z.toLowerCase())),
  role: z.optional(role),
  status: z.optional(userStatus),
  orgId: z.optional(id),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const updateUserInput = z
  .strictObject({ name: z.optional(requiredText(120)), role: z.optional(role) })
  .check(z.refine((value) => value.name !== undefined || value.role !== undefined, 'Nothing to change'));

/** Every dashboard widget, in the default order: what works today first. */
export const widgetIds = [
  'profile',
  'focus-topics',
  'activity',
  'engagement',
  'bookings',
  'leads',
  'jobs',
  'events',
] as const;
export const dashboardLayout = z.strictObject({
  widgets: z.array(z.strictObject({ id: z.enum(widgetIds), visible: z.boolean() })).check(
    z.maxLength(widgetIds.length),
    z.refine((widgets) => new Set(widgets.map((w) => w.id)).size === widgets.length, 'Each widget once'),
  ),
});
export type DashboardLayout = z.infer<typeof dashboardLayout>;
export const dashboardLayoutView = z.extend(dashboardLayout, { updatedAt: z.nullable(z.string()) });

export const wsTicketView = z.object({ ticket: z.string(), expiresIn: z.number().check(z.int()) });

const userParams = z.strictObject({ userId: id });

/** Identity's HTTP routes; the manifest, the handler and the frontend all read these. */
export const identityRoutes = {
  signIn: defineRoute({
    method: 'POST',
    path: '/api/auth/sign-in',
    name: 'sign-in',
    access: 'public',
    summary: 'Sign in with email and password; sets the refresh cookie',
    body: signInInput,
    response: sessionView,
  }),
  refresh: defineRoute({
    method: 'POST',
    path: '/api/auth/refresh',
    name: 'refresh',
    access: 'public',
    summary: 'Trade the refresh cookie for a new access token (rotates the cookie)',
    response: sessionView,
  }),
  signOut: defineRoute({
    method: 'POST',
    path: '/api/auth/sign-out',
    name: 'sign-out',
    access: 'public',
    summary: 'End this sign-in: revokes the refresh cookie',
    status: 204,
  }),
  signOutEverywhere: defineRoute({
    method: 'POST',
    path: '/api/auth/sign-out-everywhere',
    name: 'sign-out-everywhere',
    access: 'user',
    summary: 'End every sign-in of this user, on every device',
    status: 204,
  }),
  requestPasswordReset: defineRoute({
    method: 'POST',
    path: '/api/auth/password-reset',
    name: 'request-password-reset',
    access: 'public',
    summary: 'Email a single-use reset link (answers the same whether or not the email exists)',
    body: passwordResetRequestInput,
    status: 202,
  }),
  completePasswordReset: defineRoute({
    method: 'POST',
    path: '/api/auth/password-reset/complete',
    name: 'complete-password-reset',
    access: 'public',
    summary: 'Set a new password with a reset link; ends every other sign-in',
    body: passwordResetCompleteInput,
    status: 204,
  }),
  getInvitation: defineRoute({
    method: 'GET',
    path: '/api/auth/invitations/{token}',
    name: 'get-invitation',
    access: 'public',
    summary: 'What an invitation link is for',
    params: invitationTokenParams,
    response: invitationView,
  }),
  acceptInvitation: defineRoute({
    method: 'POST',
    path: '/api/auth/invitations/accept',
    name: 'accept-invitation',
    access: 'public',
    summary: 'Accept an invitation: choose a name and password, then signed in',
    body: acceptInvitationInput,
    response: sessionView,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/me',
    name: 'get-me',
    access: 'user',
    summary: 'The signed-in user',
    response: userView,
  }),
  getLayout: defineRoute({
    method: 'GET',
    path: '/api/me/dashboard-layout',
    name: 'get-dashboard-layout',
    access: 'user',
    summary: "The signed-in user's dashboard layout",
    response: dashboardLayoutView,
  }),
  saveLayout: defineRoute({
    method: 'PUT',
    path: '/api/me/dashboard-layout',
    name: 'save-dashboard-layout',
    access: 'user',
    summary: 'Save which widgets show, in what order',
    body: dashboardLayout,
    response: dashboardLayoutView,
  }),
  wsTicket: defineRoute({
    method: 'POST',
    path: '/api/realtime/tickets',
    name: 'create-ws-ticket',
    access: 'user',
    summary: 'A single-use ticket to open the WebSocket (valid 60 s)',
    response: wsTicketView,
    status: 201,
  }),
  listUsers: defineRoute({
    method: 'GET',
    path: '/api/users',
    name: 'list-users',
    access: 'admin',
    summary: 'Users, searchable by email or name, filtered by role, status and organization',
    query: listUsersQuery,
    response: page(userView),
  }),
  inviteUser: defineRoute({
    method: 'POST',
    path: '/api/users',
    name: 'invite-user',
    access: 'admin',
    summary: 'Invite a user by email (link valid 7 days)',
    body: inviteUserInput,
    response: userView,
    status: 201,
  }),
  updateUser: defineRoute({
    method: 'PATCH',
    path: '/api/users/{userId}',
    name: 'update-user',
    access: 'admin',
    summary: "Change a user's name or role",
    params: userParams,
    body: updateUserInput,
    response: userView,
  }),
  deactivateUser: defineRoute({
    method: 'POST',
    path: '/api/users/{userId}/deactivate',
    name: 'deactivate-user',
    access: 'admin',
    summary: 'Deactivate a user: every token stops working at once',
    params: userParams,
    response: userView,
  }),
  reactivateUser: defineRoute({
    method: 'POST',
    path: '/api/users/{userId}/reactivate',
    name: 'reactivate-user',
    access: 'admin',
    summary: 'Reactivate a deactivated user',
    params: userParams,
    response: userView,
  }),
  resendInvitation: defineRoute({
    method: 'POST',
    path: '/api/users/{userId}/resend-invitation',
    name: 'resend-invitation',
    access: 'admin',
    summary: 'Send a fresh invitation link (the old one stops working)',
    params: userParams,
    response: userView,
  }),
} as const;
