import type { ReactNode } from 'react';
import type { DashboardMatch, DashboardPage } from '../../shared/dashboard/pages';
import { AppShell } from './components/app-shell';
import { EmptyState } from './components/list-states';
import { clientNav } from './lib/client-nav';
import { adminScope, type CrmScope, clientScope } from './lib/crm';
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

/** The CRM pages of the dashboard definition: each client page and its operator-admin twin. */
const crmPages = {
  leads: 'leads',
  lead: 'lead',
  jobs: 'jobs',
  job: 'job',
  automations: 'automations',
  organizationLeads: 'leads',
  organizationLead: 'lead',
  organizationJobs: 'jobs',
  organizationJob: 'job',
  organizationAutomations: 'automations',
} as const satisfies Partial<Record<DashboardPage, DashboardPage>>;

type CrmPage = keyof typeof crmPages;
type CrmMatch = Extract<DashboardMatch, { readonly name: CrmPage }>;

/** True for the lead, job and automations pages, client or operator admin. */
export const isCrmPage = (match: DashboardMatch): match is CrmMatch => Object.hasOwn(crmPages, match.name);

type PageParams = Readonly<Record<string, string>>;

/** Keyed by organization and item, so moving to another one starts the page afresh. */
const pageFor = (scope: CrmScope, page: (typeof crmPages)[CrmPage], params: PageParams): ReactNode => {
  switch (page) {
    case 'leads':
      return <LeadsPage key={scope.orgId} scope={scope} />;
    case 'lead':
      return <LeadPage key={`${scope.orgId}/${params.leadId}`} scope={scope} leadId={params.leadId!} />;
    case 'jobs':
      return <JobsPage key={scope.orgId} scope={scope} />;
    case 'job':
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
 */
export const crmRoute = (match: CrmMatch): CrmRoute => {
  const page = crmPages[match.name];
  if ('orgId' in match.params)
    return { audience: 'admin', page: pageFor(adminScope(match.params.orgId), page, match.params) };
  const params: PageParams = match.params;
  return { audience: 'client', page: <OwnOrganization render={(scope) => pageFor(scope, page, params)} /> };
};
