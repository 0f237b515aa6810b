import type { ReactNode } from 'react';
import { AppShell } from './components/app-shell';
import { EmptyState } from './components/list-states';
import { clientNav } from './lib/client-nav';
import { adminScope, type CrmScope, clientScope } from './lib/crm';
import { matchPath } from './lib/router';
import { useUser } from './lib/session';
import { AutomationsPage } from './pages/automations-page';
import { JobPage } from './pages/job-page';
import { JobsPage } from './pages/jobs-page';
import { LeadPage } from './pages/lead-page';
import { LeadsPage } from './pages/leads-page';

/** A lead, job or automations page and who may see it. */
export interface CrmRoute {
  readonly audience: 'admin' | 'client';
  readonly page: ReactNode;
}

const patterns = ['leads', 'leads/:leadId', 'jobs', 'jobs/:jobId', 'automations'] as const;
type Pattern = (typeof patterns)[number];

/** Keyed by organization and item, so moving to another one starts the page afresh. */
const pageFor = (scope: CrmScope, pattern: Pattern, params: Record<string, string>): ReactNode => {
  switch (pattern) {
    case 'leads':
      return <LeadsPage key={scope.orgId} scope={scope} />;
    case 'leads/:leadId':
      return <LeadPage key={`${scope.orgId}/${params.leadId}`} scope={scope} leadId={params.leadId!} />;
    case 'jobs':
      return <JobsPage key={scope.orgId} scope={scope} />;
    case 'jobs/:jobId':
      return <JobPage key={`${scope.orgId}/${params.jobId}`} scope={scope} jobId={params.jobId!} />;
    case 'automations':
      return <AutomationsPage key={scope.orgId} scope={scope} />;
  }
};

/** Client users' pages show the organization of whoever is signed in. */
const OwnOrganization = ({ render }: { readonly render: (scope: CrmScope) => ReactNode }) => {
  const user = useUser();
  if (!user.orgId)
    return (
      <AppShell area="Dashboard" nav={clientNav}>
        <EmptyState title="No organization">Your account does not belong to an organization.</EmptyState>
      </AppShell>
    );
  return render(clientScope(user.orgId));
};

/**
 * The lead, job and automations pages: `/leads`, `/leads/:leadId`, `/jobs`, `/jobs/:jobId` and
 * `/automations` for client users, and the same under `/admin/organizations/:orgId` for operator admins.
 * Null for any other path.
 */
export const matchCrmRoute = (pathname: string): CrmRoute | null => {
  for (const pattern of patterns) {
    const own = matchPath(`/${pattern}`, pathname);
    if (own)
      return {
        audience: 'client',
        page: <OwnOrganization render={(scope) => pageFor(scope, pattern, own)} />,
      };
    const any = matchPath(`/admin/organizations/:orgId/${pattern}`, pathname);
    if (any?.orgId) return { audience: 'admin', page: pageFor(adminScope(any.orgId), pattern, any) };
  }
  return null;
};
