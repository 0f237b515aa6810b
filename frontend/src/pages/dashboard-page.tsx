import { useEffect, useState } from 'react';
import { identityRoutes } from '../../../shared/identity/contracts';
import { type OrganizationView, organizationRoutes } from '../../../shared/organizations/contracts';
import { ActivityWidget } from '../components/activity-widget';
import { AppShell } from '../components/app-shell';
import { BookingsWidget } from '../components/bookings-widget';
import { ComingSoonWidget } from '../components/coming-soon-widget';
import { Dialog } from '../components/dialog';
import { EngagementWidget } from '../components/engagement-widget';
import { FocusTopicsWidget } from '../components/focus-topics-widget';
import { GoogleWorkspaceCard } from '../components/google-workspace-card';
import { JobsWidget } from '../components/jobs-widget';
import { LayoutEditor } from '../components/layout-editor';
import { LeadFormCard } from '../components/lead-form-card';
import { LeadsWidget } from '../components/leads-widget';
import { EmptyState, LoadingRows } from '../components/list-states';
import { OrgHeader } from '../components/org-header';
import { ProfileWidget } from '../components/profile-widget';
import { call, errorMessage } from '../lib/api';
import { clientNav } from '../lib/client-nav';
import { clientScope } from '../lib/crm';
import { capitalize } from '../lib/format';
import { useUser } from '../lib/session';
import { useToast } from '../lib/toast';
import { type ProfileState, useProfile } from '../lib/use-profile';
import { useTitle } from '../lib/use-title';
import { defaultLayout, type LayoutWidget, normalizeLayout, type WidgetId } from '../lib/widgets';

/** The client dashboard of the signed-in user's organization, in the order they chose. */
export const DashboardPage = () => {
  useTitle('Dashboard');
  const user = useUser();
  const orgId = user.orgId;
  if (!orgId)
    return (
      <AppShell area="Dashboard" nav={clientNav}>
        <EmptyState title="No organization">Your account does not belong to an organization.</EmptyState>
      </AppShell>
    );
  return <OrganizationDashboard orgId={orgId} canEdit={user.role === 'owner'} role={user.role} />;
};

interface OrganizationDashboardProps {
  readonly orgId: string;
  readonly canEdit: boolean;
  readonly role: string;
}

const OrganizationDashboard = ({ orgId, canEdit, role }: OrganizationDashboardProps) => {
  const notify = useToast();
  const profile = useProfile(orgId);
  const [organization, setOrganization] = useState<OrganizationView | null>(null);
  const [layout, setLayout] = useState<LayoutWidget[] | null>(null);
  const [layoutProblem, setLayoutProblem] = useState<string | null>(null);
  const [customizing, setCustomizing] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    call(organizationRoutes.get, { params: { orgId }, signal: controller.signal })
      .then(setOrganization)
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) notify(errorMessage(caught), 'error');
      });
    call(identityRoutes.getLayout, { signal: controller.signal })
      // A layout never saved is the API's list of every widget; lead with the ones that work today.
      .then((saved) => setLayout(saved.updatedAt === null ? defaultLayout() : normalizeLayout(saved.widgets)))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLayout(defaultLayout());
        setLayoutProblem(
          `Your saved layout could not be loaded, so the default one is shown. ${errorMessage(caught)}`,
        );
      });
    return () => controller.abort();
  }, [orgId, notify]);

  const saveLayout = async (widgets: LayoutWidget[]) => {
    const saved = await call(identityRoutes.saveLayout, { body: { widgets } });
    setLayout(normalizeLayout(saved.widgets));
    setLayoutProblem(null);
    setCustomizing(false);
    notify('Your dashboard layout is saved.');
  };

  const visible = layout?.filter((widget) => widget.visible) ?? [];
  return (
    <AppShell area="Dashboard" nav={clientNav}>
      <OrgHeader
        organization={organization}
        eyebrow={`Your dashboard · ${capitalize(role)}`}
        actions={
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setCustomizing(true)}
            disabled={!layout}
          >
            Customize dashboard
          </button>
        }
      />
      {layoutProblem ? (
        <p className="alert alert--warning" role="status">
          {layoutProblem}
        </p>
      ) : null}
      {layout === null ? (
        <LoadingRows label="Loading your dashboard…" />
      ) : visible.length === 0 ? (
        <EmptyState title="Every widget is hidden">
          <button type="button" className="button button--primary" onClick={() => setCustomizing(true)}>
            Choose widgets to show
          </button>
        </EmptyState>
      ) : (
        <div className="widgets">
          {visible.map((widget) => (
            <WidgetView
              key={widget.id}
              id={widget.id}
              orgId={orgId}
              timeZone={organization?.timeZone ?? null}
              profile={profile}
              canEdit={canEdit}
            />
          ))}
        </div>
      )}
      {canEdit && organization ? (
        <div className="widgets">
          <LeadFormCard organization={organization} canEdit audience="owner" />
          <GoogleWorkspaceCard orgId={orgId} canManage />
        </div>
      ) : null}
      <Dialog
        open={customizing}
        title="Customize dashboard"
        description="Choose which widgets you see and in what order. Only your own dashboard changes."
        onClose={() => setCustomizing(false)}
      >
        {layout ? (
          <LayoutEditor layout={layout} onSave={saveLayout} onCancel={() => setCustomizing(false)} />
        ) : null}
      </Dialog>
    </AppShell>
  );
};

interface WidgetViewProps {
  readonly id: WidgetId;
  readonly orgId: string;
  /** The organization's time zone once loaded. */
  readonly timeZone: string | null;
  readonly profile: ProfileState;
  readonly canEdit: boolean;
}

export const WidgetView = ({ id, orgId, timeZone, profile, canEdit }: WidgetViewProps) => {
  switch (id) {
    case 'profile':
      return <ProfileWidget state={profile} canEdit={canEdit} />;
    case 'focus-topics':
      return <FocusTopicsWidget state={profile} canEdit={canEdit} />;
    case 'activity':
      return <ActivityWidget orgId={orgId} />;
    case 'engagement':
      return <EngagementWidget orgId={orgId} />;
    case 'bookings':
      return <BookingsWidget orgId={orgId} timeZone={timeZone} />;
    case 'leads':
      return <LeadsWidget scope={clientScope(orgId)} />;
    case 'jobs':
      return <JobsWidget scope={clientScope(orgId)} />;
    default:
      return <ComingSoonWidget id={id} />;
  }
};
