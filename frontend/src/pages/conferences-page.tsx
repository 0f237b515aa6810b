import { useCallback } from 'react';
import { conferenceRoutes } from '../../../shared/conferences/contracts';
import { AppShell } from '../components/app-shell';
import { PageHeader } from '../components/list-page';
import { EmptyState, LoadingRows, RetryAlert } from '../components/list-states';
import { navFor } from '../conferences/conference-nav';
import { call } from '../lib/api';
import { Link } from '../lib/router';
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

/** Every event the person may open: their organization's, and those they have a role in elsewhere. */
export const ConferencesPage = () => {
  useTitle('Events');
  const { user } = useSession();
  const orgId = user?.orgId ?? null;
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
          role: user?.role === 'owner' ? 'organizer' : 'member',
          organization: 'Yours',
        });
      for (const c of mine.items) rows.set(c.id, { ...c, role: c.myRole, organization: c.organizationName });
      return [...rows.values()].sort((a, b) => a.startDate.localeCompare(b.startDate));
    },
    [orgId, user?.role],
  );
  const list = useLoaded(load);
  return (
    <AppShell area="Events" nav={navFor(user)}>
      <PageHeader title="Events" lead="Events you organize, speak at or attend." />
      {list.status === 'loading' && !list.data ? <LoadingRows label="Loading events…" /> : null}
      {list.error ? <RetryAlert title={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data?.length === 0 ? (
        <EmptyState title="No events yet">Events you take part in show here.</EmptyState>
      ) : null}
      {list.data?.length ? (
        <ul className="card-list" aria-label="Events">
          {list.data.map((row) => (
            <li key={row.id} className="card">
              <Link to={`/conferences/${row.orgId}/${row.id}`}>{row.name}</Link>
              <p>
                {row.startDate} – {row.endDate} · {row.organization} · you: {row.role}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </AppShell>
  );
};
