import { useCallback, useEffect, useState } from 'react';
import { type OrganizationView, organizationRoutes } from '../../../shared/organizations/contracts';
import { ActivityWidget } from '../components/activity-widget';
import { AppShell } from '../components/app-shell';
import { AutomationsWidget } from '../components/automations-widget';
import { ConfirmDialog, Dialog } from '../components/dialog';
import { EngagementSection } from '../components/engagement-section';
import { FocusTopicsWidget } from '../components/focus-topics-widget';
import { FormAlert } from '../components/form-alert';
import { GoogleWorkspaceCard } from '../components/google-workspace-card';
import { roleLabels } from '../components/invite-user-form';
import { JobsWidget } from '../components/jobs-widget';
import { LeadFormCard } from '../components/lead-form-card';
import { LeadsWidget } from '../components/leads-widget';
import { EmptyState, LoadingRows } from '../components/list-states';
import { OrgForm } from '../components/org-form';
import { OrgHeader } from '../components/org-header';
import { ProfileWidget } from '../components/profile-widget';
import { StatusBadge } from '../components/status-badge';
import { Widget } from '../components/widget';
import { adminNav } from '../lib/admin-nav';
import { ApiError, call, errorMessage } from '../lib/api';
import { adminScope } from '../lib/crm';
import { formatDateTime } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import { useToast } from '../lib/toast';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { useProfile } from '../lib/use-profile';
import { useTitle } from '../lib/use-title';

type Member = { id: string; userId: string; email: string; name: string; role: string; status: string };

/** One organization as the operator sees it: settings, profile, engagement, members and activity. */
export const OrganizationPage = ({ orgId }: { readonly orgId: string }) => {
  const notify = useToast();
  const { search } = useLocation();
  const engagementId = search.get('engagement');
  const [organization, setOrganization] = useState<OrganizationView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'archive' | null>(null);
  const profile = useProfile(orgId);
  useTitle(organization?.name ?? 'Organization');

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    call(organizationRoutes.get, { params: { orgId }, signal: controller.signal })
      .then(setOrganization)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(
          caught instanceof ApiError && caught.status === 404
            ? 'There is no organization at this address.'
            : errorMessage(caught),
        );
      });
    return () => controller.abort();
  }, [orgId]);

  const restore = async () => {
    try {
      setOrganization(await call(organizationRoutes.restore, { params: { orgId } }));
      notify('The organization is active again.');
    } catch (caught) {
      notify(errorMessage(caught), 'error');
    }
  };

  if (problem)
    return (
      <AppShell area="Operator console" nav={adminNav}>
        <EmptyState title="Organization not available">
          <p>{problem}</p>
          <Link to="/admin/organizations">Back to organizations</Link>
        </EmptyState>
      </AppShell>
    );

  return (
    <AppShell area="Operator console" nav={adminNav}>
      <p className="breadcrumbs">
        <Link to="/admin/organizations">Organizations</Link>
        <span aria-hidden="true"> / </span>
        <span>{organization?.name ?? '…'}</span>
      </p>
      <OrgHeader
        organization={organization}
        eyebrow="Client organization"
        actions={
          organization ? (
            <>
              <button type="button" className="button button--secondary" onClick={() => setDialog('edit')}>
                Edit settings
              </button>
              {organization.status === 'active' ? (
                <>
                  <Link to={`/admin/users?invite=${organization.id}`} className="button button--secondary">
                    Invite user
                  </Link>
                  <button
                    type="button"
                    className="button button--ghost button--danger-text"
                    onClick={() => setDialog('archive')}
                  >
                    Archive
                  </button>
                </>
              ) : (
                <button type="button" className="button button--secondary" onClick={() => void restore()}>
                  Restore
                </button>
              )}
            </>
          ) : null
        }
      >
        {organization ? (
          <p className="org-header__meta">
            {organization.slug} · <StatusBadge status={organization.status} />
          </p>
        ) : null}
      </OrgHeader>

      {organization ? (
        <div className="widgets">
          <Widget title="Settings">
            <dl className="facts facts--stacked">
              <div>
                <dt>Time zone</dt>
                <dd>{organization.timeZone.replaceAll('_', ' ')}</dd>
              </div>
              <div>
                <dt>Allowed origins</dt>
                <dd>
                  {organization.allowedOrigins.length === 0 ? (
                    <span className="muted">None: the lead form cannot be embedded yet</span>
                  ) : (
                    <ul className="plain-list">
                      {organization.allowedOrigins.map((origin) => (
                        <li key={origin}>{origin}</li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
              <div>
                <dt>Brand colour</dt>
                <dd className="swatch-row">
                  <span
                    className="org-swatch"
                    style={{ backgroundColor: organization.branding.color }}
                    aria-hidden="true"
                  />
                  {organization.branding.color}
                </dd>
              </div>
              <div>
                <dt>Logo</dt>
                <dd>{organization.branding.logoUrl ?? <span className="muted">None</span>}</dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>{formatDateTime(organization.createdAt)}</dd>
              </div>
            </dl>
          </Widget>
          <ProfileWidget state={profile} canEdit />
          <LeadFormCard organization={organization} canEdit audience="admin" />
          <GoogleWorkspaceCard orgId={orgId} canManage />
          <EngagementSection
            orgId={orgId}
            archived={organization.status === 'archived'}
            engagementId={engagementId}
            focusOnLoad={engagementId !== null}
          />
          <FocusTopicsWidget state={profile} canEdit />
          <MembersWidget orgId={orgId} />
          <LeadsWidget scope={adminScope(orgId)} />
          <JobsWidget scope={adminScope(orgId)} />
          <AutomationsWidget scope={adminScope(orgId)} />
          <ActivityWidget orgId={orgId} />
        </div>
      ) : (
        <LoadingRows label="Loading organization…" />
      )}

      <Dialog
        open={dialog === 'edit'}
        title={`Edit ${organization?.name ?? 'organization'}`}
        onClose={() => setDialog(null)}
        size="large"
      >
        {organization ? (
          <OrgForm
            organization={organization}
            onCancel={() => setDialog(null)}
            onSaved={(saved) => {
              setOrganization(saved);
              setDialog(null);
              notify(`${saved.name} is saved.`);
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={dialog === 'archive'}
        title="Archive this organization?"
        message={<p>Its lead form stops accepting leads. You can restore it at any time.</p>}
        confirmLabel="Archive"
        tone="danger"
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          setOrganization(await call(organizationRoutes.archive, { params: { orgId } }));
          notify('The organization is archived.');
        }}
      />
    </AppShell>
  );
};

const MembersWidget = ({ orgId }: { readonly orgId: string }) => {
  const fetchPage = useCallback<FetchPage<Member>>(
    async (cursor, signal) => {
      const page = await call(organizationRoutes.listMembers, {
        params: { orgId },
        query: { cursor },
        signal,
      });
      return { ...page, items: page.items.map((member) => ({ ...member, id: member.userId })) };
    },
    [orgId],
  );
  const list = usePagedList(fetchPage);
  return (
    <Widget
      title="Members"
      actions={
        <Link to={`/admin/users?invite=${orgId}`} className="button button--secondary button--small">
          Invite
        </Link>
      }
    >
      {list.status === 'loading' ? (
        <LoadingRows label="Loading members…" />
      ) : list.status === 'error' ? (
        <FormAlert title={list.error ?? undefined} />
      ) : list.items.length === 0 ? (
        <p className="muted">No users yet. Invite the first one.</p>
      ) : (
        <>
          <ul className="member-list">
            {list.items.map((member) => (
              <li key={member.id} className="member-list__item">
                <div>
                  <p className="table__primary">{member.name || member.email}</p>
                  <p className="table__secondary">{member.email}</p>
                </div>
                <div className="member-list__meta">
                  <span>{roleLabels[member.role as keyof typeof roleLabels] ?? member.role}</span>
                  <StatusBadge status={member.status} />
                </div>
              </li>
            ))}
          </ul>
          {list.hasMore ? (
            <button type="button" className="button button--secondary button--small" onClick={list.loadMore}>
              Load more
            </button>
          ) : null}
        </>
      )}
    </Widget>
  );
};
