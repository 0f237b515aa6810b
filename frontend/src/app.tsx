import { type ReactNode, useEffect } from 'react';
import { dashboardUrl, matchDashboardPage } from '../../shared/dashboard/pages';
import { crmRoute, isCrmPage } from './crm-routes';
import { navigate, useLocation } from './lib/router';
import { homeFor, useSession } from './lib/session';
import { AdminAutomationsPage } from './pages/admin-automations-page';
import { BookingCallbackPage } from './pages/booking-callback-page';
import { BookingPage } from './pages/booking-page';
import { ChatPage } from './pages/chat-page';
import { ConferenceAgendaBuilderPage } from './pages/conference-agenda-builder-page';
import { ConferenceAnalyticsPage } from './pages/conference-analytics-page';
import { ConferenceAttendeesPage } from './pages/conference-attendees-page';
import { ConferenceChatPage } from './pages/conference-chat-page';
import { ConferenceInvitationPage } from './pages/conference-invitation-page';
import { ConferenceManagePage } from './pages/conference-manage-page';
import { ConferenceModerationPage } from './pages/conference-moderation-page';
import { ConferencePage } from './pages/conference-page';
import { ConferenceSponsorsPage } from './pages/conference-sponsors-page';
import { ConferencesPage } from './pages/conferences-page';
import { DashboardPage } from './pages/dashboard-page';
import { EngagementsPage } from './pages/engagements-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { GoogleWorkspaceCallbackPage } from './pages/google-workspace-callback-page';
import { InvitationPage } from './pages/invitation-page';
import { LeadFormPage } from './pages/lead-form-page';
import { NetworkingPage } from './pages/networking-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrganizationPage } from './pages/organization-page';
import { OrganizationsPage } from './pages/organizations-page';
import { PublicConferencePage } from './pages/public-conference-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { SignInPage } from './pages/sign-in-page';
import { UsersPage } from './pages/users-page';

const Redirect = ({ to }: { readonly to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
};

const Splash = () => (
  <div className="splash" role="status">
    <span className="spinner" aria-hidden="true" />
    Loading Portico…
  </div>
);

type Audience = 'admin' | 'client';

/** Renders a page for signed-in users of one audience; everyone else goes where they belong. */
const Guard = ({ audience, children }: { readonly audience: Audience; readonly children: ReactNode }) => {
  const { state } = useSession();
  const { href } = useLocation();
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signed-out') return <Redirect to={`/sign-in?next=${encodeURIComponent(href)}`} />;
  const isAdmin = state.user.role === 'admin';
  if ((audience === 'admin') !== isAdmin) return <Redirect to={homeFor(state.user)} />;
  return children;
};

/** Renders a page for anyone signed in. */
const SignedIn = ({ children }: { readonly children: ReactNode }) => {
  const { state } = useSession();
  const { href } = useLocation();
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signed-out') return <Redirect to={`/sign-in?next=${encodeURIComponent(href)}`} />;
  return children;
};

/** Takes only `never`: the app fails to compile while a page of the definition has no case below. */
const unserved = (_page: never) => <NotFoundPage />;

/** The page map: one case per page of `shared/dashboard/pages.ts`, which emails link to as well. */
export const App = () => {
  const { pathname } = useLocation();
  const { state } = useSession();

  const page = matchDashboardPage(pathname);
  if (!page) return <NotFoundPage />;
  if (isCrmPage(page)) {
    const crm = crmRoute(page);
    return <Guard audience={crm.audience}>{crm.page}</Guard>;
  }
  switch (page.name) {
    case 'home':
      if (state.status === 'loading') return <Splash />;
      return <Redirect to={state.status === 'signed-in' ? homeFor(state.user) : '/sign-in'} />;
    case 'signIn':
      if (state.status === 'loading') return <Splash />;
      if (state.status === 'signed-in') return <Redirect to={homeFor(state.user)} />;
      return <SignInPage />;
    case 'forgotPassword':
      return <ForgotPasswordPage />;
    case 'resetPassword':
      return <ResetPasswordPage />;
    case 'invitation':
      return <InvitationPage />;
    case 'conferenceInvitation':
      return <ConferenceInvitationPage />;
    case 'dashboard':
      return (
        <Guard audience="client">
          <DashboardPage />
        </Guard>
      );
    case 'conferences':
      // Client users, guests and operator admins alike: the API decides which events each sees.
      return (
        <SignedIn>
          <ConferencesPage />
        </SignedIn>
      );
    case 'chat':
      return (
        <Guard audience="client">
          <ChatPage />
        </Guard>
      );
    case 'admin':
      return <Redirect to={dashboardUrl('organizations')} />;
    case 'organizations':
      return (
        <Guard audience="admin">
          <OrganizationsPage />
        </Guard>
      );
    case 'engagements':
      return (
        <Guard audience="admin">
          <EngagementsPage />
        </Guard>
      );
    case 'booking':
      return (
        <Guard audience="admin">
          <BookingPage />
        </Guard>
      );
    case 'bookingCallback':
      return (
        <Guard audience="admin">
          <BookingCallbackPage />
        </Guard>
      );
    case 'adminAutomations':
      return (
        <Guard audience="admin">
          <AdminAutomationsPage />
        </Guard>
      );
    case 'googleWorkspaceCallback':
      // Owners and operator admins alike: the page itself sends the signed-out to sign in.
      return <GoogleWorkspaceCallbackPage />;
    case 'users':
      return (
        <Guard audience="admin">
          <UsersPage />
        </Guard>
      );
    case 'leadForm':
      return <LeadFormPage key={page.params.slug} slug={page.params.slug} />;
    case 'publicConference':
      return <PublicConferencePage key={pathname} {...page.params} />;
    case 'organization':
      return (
        <Guard audience="admin">
          <OrganizationPage key={page.params.orgId} orgId={page.params.orgId} />
        </Guard>
      );
    case 'conference':
      return (
        <SignedIn>
          <ConferencePage key={page.params.conferenceId} {...page.params} />
        </SignedIn>
      );
    case 'conferenceManage':
      return (
        <SignedIn key={pathname}>
          <ConferenceManagePage {...page.params} />
        </SignedIn>
      );
    case 'conferenceAgendaBuilder':
      return (
        <SignedIn key={pathname}>
          <ConferenceAgendaBuilderPage {...page.params} />
        </SignedIn>
      );
    case 'conferenceModeration':
      return (
        <SignedIn key={pathname}>
          <ConferenceModerationPage {...page.params} />
        </SignedIn>
      );
    case 'conferenceNetworking':
      return (
        <SignedIn key={pathname}>
          <NetworkingPage {...page.params} />
        </SignedIn>
      );
    case 'conferenceChat':
      return (
        <SignedIn key={pathname}>
          <ConferenceChatPage {...page.params} />
        </SignedIn>
      );
    // Organizers may be guests, client users or operator admins: the API decides who sees what.
    case 'conferenceAttendees':
      return (
        <SignedIn key={pathname}>
          <ConferenceAttendeesPage {...page.params} />
        </SignedIn>
      );
    case 'conferenceSponsors':
      return (
        <SignedIn key={pathname}>
          <ConferenceSponsorsPage {...page.params} />
        </SignedIn>
      );
    case 'conferenceAnalytics':
      return (
        <SignedIn key={pathname}>
          <ConferenceAnalyticsPage {...page.params} />
        </SignedIn>
      );
  }
  return unserved(page);
};
