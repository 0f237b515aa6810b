import { type ReactNode, useEffect } from 'react';
import { matchCrmRoute } from './crm-routes';
import { matchPath, navigate, useLocation } from './lib/router';
import { homeFor, useSession } from './lib/session';
import { AdminAutomationsPage } from './pages/admin-automations-page';
import { BookingCallbackPage } from './pages/booking-callback-page';
import { BookingPage } from './pages/booking-page';
import { ChatPage } from './pages/chat-page';
import { ConferenceAnalyticsPage } from './pages/conference-analytics-page';
import { ConferenceAttendeesPage } from './pages/conference-attendees-page';
import { ConferenceInvitationPage } from './pages/conference-invitation-page';
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

/** The page map. Paths outside `/api` are the app's; the host serves index.html for each of them. */
export const App = () => {
  const { pathname } = useLocation();
  const { state } = useSession();

  switch (pathname) {
    case '/':
      if (state.status === 'loading') return <Splash />;
      return <Redirect to={state.status === 'signed-in' ? homeFor(state.user) : '/sign-in'} />;
    case '/sign-in':
      if (state.status === 'loading') return <Splash />;
      if (state.status === 'signed-in') return <Redirect to={homeFor(state.user)} />;
      return <SignInPage />;
    case '/forgot-password':
      return <ForgotPasswordPage />;
    case '/reset-password':
      return <ResetPasswordPage />;
    case '/invitation':
      return <InvitationPage />;
    case '/conference-invitation':
      return <ConferenceInvitationPage />;
    case '/dashboard':
      return (
        <Guard audience="client">
          <DashboardPage />
        </Guard>
      );
    case '/conferences':
      return (
        <Guard audience="client">
          <ConferencesPage />
        </Guard>
      );
    case '/chat':
      return (
        <Guard audience="client">
          <ChatPage />
        </Guard>
      );
    case '/admin':
    case '/admin/':
      return <Redirect to="/admin/organizations" />;
    case '/admin/organizations':
      return (
        <Guard audience="admin">
          <OrganizationsPage />
        </Guard>
      );
    case '/admin/engagements':
      return (
        <Guard audience="admin">
          <EngagementsPage />
        </Guard>
      );
    case '/admin/booking':
      return (
        <Guard audience="admin">
          <BookingPage />
        </Guard>
      );
    case '/admin/booking/callback':
      return (
        <Guard audience="admin">
          <BookingCallbackPage />
        </Guard>
      );
    case '/admin/automations':
      return (
        <Guard audience="admin">
          <AdminAutomationsPage />
        </Guard>
      );
    case '/google-workspace/callback':
      // Owners and operator admins alike: the page itself sends the signed-out to sign in.
      return <GoogleWorkspaceCallbackPage />;
    case '/admin/users':
      return (
        <Guard audience="admin">
          <UsersPage />
        </Guard>
      );
  }
  const leadForm = matchPath('/lead/:slug', pathname);
  if (leadForm?.slug) return <LeadFormPage key={leadForm.slug} slug={leadForm.slug} />;
  const organization = matchPath('/admin/organizations/:orgId', pathname);
  if (organization?.orgId)
    return (
      <Guard audience="admin">
        <OrganizationPage key={organization.orgId} orgId={organization.orgId} />
      </Guard>
    );
  const conference = matchPath('/conferences/:orgId/:conferenceId', pathname);
  if (conference?.orgId && conference.conferenceId)
    return (
      <Guard audience="client">
        <ConferencePage
          key={conference.conferenceId}
          orgId={conference.orgId}
          conferenceId={conference.conferenceId}
        />
      </Guard>
    );

  const conferencePage = matchPath('/conferences/:orgId/:conferenceId/:page', pathname);
  if (conferencePage?.orgId && conferencePage.conferenceId) {
    const ids = { orgId: conferencePage.orgId, conferenceId: conferencePage.conferenceId };
    const page = {
      attendees: <ConferenceAttendeesPage {...ids} />,
      sponsors: <ConferenceSponsorsPage {...ids} />,
      analytics: <ConferenceAnalyticsPage {...ids} />,
      networking: <NetworkingPage {...ids} />,
    }[conferencePage.page ?? ''];
    // Organizers may be guests, client users or operator admins: the API decides who sees what.
    if (page) return <SignedIn key={pathname}>{page}</SignedIn>;
  }
  const crm = matchCrmRoute(pathname);
  if (crm) return <Guard audience={crm.audience}>{crm.page}</Guard>;
  return <NotFoundPage />;
};
