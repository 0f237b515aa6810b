import { type ReactNode, useCallback } from 'react';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { type OrganizationView, organizationRoutes } from '../../../shared/organizations/contracts';
import { adminNav } from '../lib/admin-nav';
import { call } from '../lib/api';
import { clientNav } from '../lib/client-nav';
import type { CrmScope } from '../lib/crm';
import { Link } from '../lib/router';
import { useLoaded } from '../lib/use-loaded';
import { AppShell } from './app-shell';
import { EmptyState, LoadingRows, RetryAlert } from './list-states';
import '../crm.css';

export interface Crumb {
  readonly label: string;
  /** Where the crumb leads; the last crumb, the page itself, has none. */
  readonly to?: string;
}

interface CrmShellProps {
  readonly scope: CrmScope;
  /** The trail after the organization (admins) or from the list (client users). */
  readonly crumbs: readonly Crumb[];
  /** The page, once its organization (name, time zone) is known. */
  readonly children: (organization: OrganizationView) => ReactNode;
}

/**
 * The frame of the lead and job pages for both audiences: the client dashboard's or the operator
 * console's navigation, a breadcrumb trail, and the organization the pages need for its clock.
 */
export const CrmShell = ({ scope, crumbs, children }: CrmShellProps) => {
  const load = useCallback(
    (signal: AbortSignal) => call(organizationRoutes.get, { params: { orgId: scope.orgId }, signal }),
    [scope.orgId],
  );
  const organization = useLoaded(load);
  const admin = scope.audience === 'admin';
  const trail: Crumb[] = admin
    ? [
        { label: 'Organizations', to: dashboardUrl('organizations') },
        { label: organization.data?.name ?? '…', to: dashboardUrl('organization', { orgId: scope.orgId }) },
        ...crumbs,
      ]
    : [...crumbs];

  return (
    <AppShell area={admin ? 'Operator console' : 'Dashboard'} nav={admin ? adminNav : clientNav}>
      {trail.length > 1 ? (
        <nav aria-label="Breadcrumbs">
          <ol className="breadcrumbs crm-breadcrumbs">
            {trail.map((crumb) => (
              <li key={`${crumb.to ?? ''}|${crumb.label}`}>
                {crumb.to ? (
                  <Link to={crumb.to}>{crumb.label}</Link>
                ) : (
                  <span aria-current="page">{crumb.label}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {organization.data ? (
        children(organization.data)
      ) : organization.status === 'loading' ? (
        <LoadingRows label="Loading…" />
      ) : organization.notFound ? (
        <EmptyState title="Organization not available">
          <p>There is no organization at this address.</p>
          {admin ? <Link to={dashboardUrl('organizations')}>Back to organizations</Link> : null}
        </EmptyState>
      ) : (
        <RetryAlert title={organization.error ?? undefined} onRetry={() => void organization.reload()} />
      )}
    </AppShell>
  );
};

interface DetailHeaderProps {
  readonly title: string;
  /** The status badge beside the title. */
  readonly badge: ReactNode;
  /** A line under the title, such as when and how the lead came in. */
  readonly meta: ReactNode;
  readonly actions?: ReactNode;
}

/** The heading of a lead's or a job's page: its name, status, a line about it and its main actions. */
export const DetailHeader = ({ title, badge, meta, actions }: DetailHeaderProps) => (
  <div className="page-header crm-detail-header">
    <div>
      <h1 className="page-title crm-detail-header__title">
        {title} {badge}
      </h1>
      <p className="page-lead">{meta}</p>
    </div>
    {actions ? <div className="crm-actions">{actions}</div> : null}
  </div>
);
