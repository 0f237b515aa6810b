export const dashboardPages = {
  home: '/',
  signIn: '/sign-in',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  invitation: '/invitation',
  conferenceInvitation: '/conference-invitation',
  leadForm: '/lead/:slug',
  // A public or unlisted event's page, for anyone.
  publicConference: '/events/:orgId/:conferenceId',
  googleWorkspaceCallback: '/google-workspace/callback',
  // Client users (owners and members) of one organization.
  dashboard: '/dashboard',
  leads: '/leads',
  lead: '/leads/:leadId',
  jobs: '/jobs',
  job: '/jobs/:jobId',
  automations: '/automations',
  chat: '/chat',
  // Events: attendees and guests; organizers may be anyone signed in.
  conferences: '/conferences',
  conference: '/conferences/:orgId/:conferenceId',
  conferenceManage: '/conferences/:orgId/:conferenceId/manage',
  conferenceAgendaBuilder: '/conferences/:orgId/:conferenceId/agenda-builder',
  conferenceAttendees: '/conferences/:orgId/:conferenceId/attendees',
  conferenceSponsors: '/conferences/:orgId/:conferenceId/sponsors',
  conferenceAnalytics: '/conferences/:orgId/:conferenceId/analytics',
  conferenceModeration: '/conferences/:orgId/:conferenceId/moderation',
  conferenceNetworking: '/conferences/:orgId/:conferenceId/networking',
  conferenceChat: '/conferences/:orgId/:conferenceId/chat',
  // Operator admins.
  admin: '/admin',
  organizations: '/admin/organizations',
  organization: '/admin/organizations/:orgId',
  organizationLeads: '/admin/organizations/:orgId/leads',
  organizationLead: '/admin/organizations/:orgId/leads/:leadId',
  organizationJobs: '/admin/organizations/:orgId/jobs',
  organizationJob: '/admin/organizations/:orgId/jobs/:jobId',
  organizationAutomations: '/admin/organizations/:orgId/automations',
  engagements: '/admin/engagements',
  booking: '/admin/booking',
  bookingCallback: '/admin/booking/callback',
  adminAutomations: '/admin/automations',
  users: '/admin/users',
} as const;

export type DashboardPage = keyof typeof dashboardPages;

type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters of one page: `{ leadId: string }` for `lead`, `{}` for `leads`. */
export type DashboardParams<Page extends DashboardPage> = {
  readonly [Name in ParamNames<(typeof dashboardPages)[Page]>]: string;
};

/** Query parameters of a link; undefined ones are left out. */
export type DashboardQuery = Readonly<Record<string, string | undefined>>;

/** A page with parameters needs them; one without takes none (or only a query). */
export type DashboardUrlArgs<Page extends DashboardPage> = [
  ParamNames<(typeof dashboardPages)[Page]>,
] extends [never]
  ? [params?: DashboardParams<Page>, query?: DashboardQuery]
  : [params: DashboardParams<Page>, query?: DashboardQuery];

/** One page the router resolved, with its parameters decoded; `name` narrows `params`. */
export type DashboardMatch = {
  [Page in DashboardPage]: { readonly name: Page; readonly params: DashboardParams<Page> };
}[DashboardPage];

/**
 * The path (and query) of a dashboard page, relative to the app's origin: `dashboardUrl('lead',
 * { leadId })` is `/leads/<leadId>`. Parameters are percent-encoded, so an id can never add a segment.
 */
export const dashboardUrl = <Page extends DashboardPage>(
  page: Page,
  ...[params, query]: DashboardUrlArgs<Page>
): string => {
  const values: Readonly<Record<string, string>> = params ?? {};
  const path = dashboardPages[page].replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') throw new TypeError(`${page} needs ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, value);
  const rest = search.toString();
  return rest ? `${path}?${rest}` : path;
};

const segments = (path: string) => path.split('/').filter(Boolean);

const matchPattern = (pattern: string, pathname: string): Record<string, string> | null => {
  const expected = segments(pattern);
  const actual = segments(pathname);
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const value = actual[index]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
};

const entries = Object.entries(dashboardPages) as [DashboardPage, string][];

/**
 * The page a pathname shows, or null when the dashboard has no such page. Trailing slashes are ignored;
 * a parameter that is not valid percent-encoding matches nothing.
 */
export const matchDashboardPage = (pathname: string): DashboardMatch | null => {
  for (const [name, pattern] of entries) {
    const params = matchPattern(pattern, pathname);
    if (params) return { name, params } as DashboardMatch;
  }
  return null;
};
