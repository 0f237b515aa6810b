import { bind, httpModule } from '../../shared/http/module';
import { identityRoutes } from '../../shared/identity/contracts';
import { acceptInvitationRoute } from './accept-invitation';
import { completePasswordResetRoute } from './complete-password-reset';
import { createWsTicketRoute } from './create-ws-ticket';
import { deactivateUserRoute } from './deactivate-user';
import { getDashboardLayoutRoute } from './get-dashboard-layout';
import { getInvitationRoute } from './get-invitation';
import { getMeRoute } from './get-me';
import { inviteUserRoute } from './invite-user';
import { listUsersRoute } from './list-users';
import { reactivateUserRoute } from './reactivate-user';
import { refreshRoute } from './refresh';
import { requestPasswordResetRoute } from './request-password-reset';
import { resendInvitationRoute } from './resend-invitation';
import { saveDashboardLayoutRoute } from './save-dashboard-layout';
import { signInRoute } from './sign-in';
import { signOutRoute } from './sign-out';
import { signOutEverywhereRoute } from './sign-out-everywhere';
import { updateUserRoute } from './update-user';

export const handler = httpModule([
  bind(identityRoutes.signIn, signInRoute),
  bind(identityRoutes.refresh, refreshRoute),
  bind(identityRoutes.signOut, signOutRoute),
  bind(identityRoutes.signOutEverywhere, signOutEverywhereRoute),
  bind(identityRoutes.requestPasswordReset, requestPasswordResetRoute),
  bind(identityRoutes.completePasswordReset, completePasswordResetRoute),
  bind(identityRoutes.getInvitation, getInvitationRoute),
  bind(identityRoutes.acceptInvitation, acceptInvitationRoute),
  bind(identityRoutes.me, getMeRoute),
  bind(identityRoutes.getLayout, getDashboardLayoutRoute),
  bind(identityRoutes.saveLayout, saveDashboardLayoutRoute),
  bind(identityRoutes.wsTicket, createWsTicketRoute),
  bind(identityRoutes.listUsers, listUsersRoute),
  bind(identityRoutes.inviteUser, inviteUserRoute),
  bind(identityRoutes.updateUser, updateUserRoute),
  bind(identityRoutes.deactivateUser, deactivateUserRoute),
  bind(identityRoutes.reactivateUser, reactivateUserRoute),
  bind(identityRoutes.resendInvitation, resendInvitationRoute),
]);
