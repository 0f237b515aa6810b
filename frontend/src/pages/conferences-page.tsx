import { useCallback, useState } from 'react';
import { conferenceRoutes } from '../../../shared/conferences/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { AppShell } from '../components/app-shell';
import { Dialog } from '../components/dialog';
import { SelectField } from '../components/field';
import { PageHeader } from '../components/list-page';
import { EmptyState, LoadingRows, RetryAlert } from '../components/list-states';
import { ConferenceForm } from '../conferences/conference-form';
import { navFor } from '../conferences/conference-nav';
import { call } from '../lib/api';
import { useAllOrganizations } from '../lib/organizations';
import { Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';

interface Row {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly role: string;
  readonly organization: string;
}

/**
 * Every event the person may open: their organization's, and those they have a role in elsewhere. Operator
 * admins choose an organization (`?org=`) and see and create its events.
 */
export const ConferencesPage = () => {
  useTitle('Events');
  const { user } = useSession();
  const { search } = useLocation();
  const isAdmin = user?.role === 'admin';
  const orgId = isAdmin ? search.get('org') : (user?.orgId ?? null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(
    async (signal: AbortSignal): Promise<Row[]> => {
      const [mine, own] = await Promise.all([
        call(conferenceRoutes.myConferences, { signal }),
        orgId ? call(conferenceRoutes.listConferences, { params: { orgId }, signal }) : { items: [] },
      ]);
      const rows = new Map<string, Row>();
      for (const c of own.items)
        rows.set(c.id, {
          ...c,
          role: user?.role === 'owner' || isAdmin ? 'organizer' : 'member',
          organization: isAdmin ? 'Chosen organization' : 'Yours',
        });
      for (const c of mine.items) rows.set(c.id, { ...c, role: c.myRole, organization: c.organizationName });
      return [...rows.values()].sort((a, b) => a.startDate.localeCompare(b.startDate));
    },
    [orgId, user?.role, isAdmin],
  );
  const list = useLoaded(load);
  const canCreate = orgId !== null && (isAdmin || user?.role === 'owner');
  return (
    <AppShell area="Events" nav={navFor(user)}>
      <PageHeader
        title="Events"
        lead="Events you organize, speak at or attend."
        addLabel={canCreate ? 'New event' : undefined}
        onAdd={() => setCreating(true)}
      />
      {isAdmin ? <OrganizationPicker orgId={orgId} /> : null}
      {list.status === 'loading' && !list.data ? <LoadingRows label="Loading events…" /> : null}
      {list.error ? <RetryAlert title={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data?.length === 0 ? (
        <EmptyState title="No events yet">Events you take part in show here.</EmptyState>
      ) : null}
      {list.data?.length ? (
        <ul className="card-list" aria-label="Events">
          {list.data.map((row) => (
            <li key={row.id} className="card">
              <Link to={dashboardUrl('conference', { orgId: row.orgId, conferenceId: row.id })}>
                {row.name}
              </Link>
              <p>
                {row.startDate} – {row.endDate} · {row.organization} · you: {row.role}
              </p>
              {row.role === 'organizer' ? (
                <Link to={dashboardUrl('conferenceManage', { orgId: row.orgId, conferenceId: row.id })}>
                  Manage {row.name}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {orgId ? (
        <Dialog open={creating} title="New event" onClose={() => setCreating(false)} size="large">
          <ConferenceForm
            orgId={orgId}
            onCancel={() => setCreating(false)}
            onSaved={(conference) =>
              navigate(
                dashboardUrl('conferenceManage', { orgId: conference.orgId, conferenceId: conference.id }),
              )
            }
          />
        </Dialog>
      ) : null}
    </AppShell>
  );
};

const OrganizationPicker = ({ orgId }: { readonly orgId: string | null }) => {
  const organizations = useAllOrganizations();
  return (
    <SelectField
      label="Organization"
      name="org"
      value={orgId ?? ''}
      disabled={!organizations}
      onChange={(event) =>
        navigate(dashboardUrl('conferences', {}, { org: event.target.value || undefined }))
      }
    >
      <option value="">Choose an organization…</option>
      {organizations?.map((organization) => (
        <option key={organization.id} value={organization.id}>
          {organization.name}
        </option>
      ))}
    </SelectField>
  );
};
