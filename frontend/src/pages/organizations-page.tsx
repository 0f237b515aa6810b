import { useCallback, useState } from 'react';
import { type OrganizationView, organizationRoutes } from '../../../shared/organizations/contracts';
import { AppShell } from '../components/app-shell';
import { ConfirmDialog, Dialog } from '../components/dialog';
import { SelectField } from '../components/field';
import { FilterBar, PageHeader } from '../components/list-page';
import { PagedListCard } from '../components/list-states';
import { ListTable, RowAction } from '../components/list-table';
import { OrgForm } from '../components/org-form';
import { StatusBadge } from '../components/status-badge';
import { adminNav } from '../lib/admin-nav';
import { call, errorMessage } from '../lib/api';
import { formatDate } from '../lib/format';
import { Link } from '../lib/router';
import { useToast } from '../lib/toast';
import { type FetchPage, useDebounced, usePagedList } from '../lib/use-paged-list';
import { useTitle } from '../lib/use-title';

type StatusFilter = 'active' | 'archived' | '';

type Editing =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly organization: OrganizationView }
  | { readonly kind: 'archive'; readonly organization: OrganizationView }
  | null;

export const OrganizationsPage = () => {
  useTitle('Organizations');
  const notify = useToast();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const q = useDebounced(search.trim());
  const [editing, setEditing] = useState<Editing>(null);

  const fetchPage = useCallback<FetchPage<OrganizationView>>(
    (cursor, signal) =>
      call(organizationRoutes.list, {
        query: { q: q || undefined, status: status || undefined, cursor },
        signal,
      }),
    [q, status],
  );
  const list = usePagedList(fetchPage);

  const restore = async (organization: OrganizationView) => {
    try {
      const restored = await call(organizationRoutes.restore, { params: { orgId: organization.id } });
      if (status === 'archived') list.reload();
      else list.replace(restored);
      notify(`${restored.name} is active again.`);
    } catch (caught) {
      notify(errorMessage(caught), 'error');
    }
  };

  const filtered = q !== '' || status !== '';
  return (
    <AppShell area="Operator console" nav={adminNav}>
      <PageHeader
        title="Organizations"
        lead="Client organizations served by your agency."
        addLabel="New organization"
        onAdd={() => setEditing({ kind: 'create' })}
      />

      <FilterBar
        searchLabel="Search organizations"
        placeholder="Name or slug"
        search={search}
        onSearch={setSearch}
      >
        <SelectField
          label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
        >
          <option value="active">Active</option>
          <option value="archived">Archived</option>
          <option value="">All</option>
        </SelectField>
      </FilterBar>

      <PagedListCard
        list={list}
        heading="Organization list"
        loadingLabel="Loading organizations…"
        emptyTitle={filtered ? 'No organizations match' : 'No organizations yet'}
        emptyBody={
          filtered ? 'Try another search or status.' : 'Create the first client organization to get started.'
        }
        noun={['organization', 'organizations']}
      >
        <ListTable columns={['Organization', 'Time zone', 'Status', 'Created']}>
          {list.items.map((organization) => (
            <tr key={organization.id}>
              <td data-label="Organization">
                <div className="org-cell">
                  <span
                    className="org-swatch"
                    style={{ backgroundColor: organization.branding.color }}
                    aria-hidden="true"
                  />
                  <div>
                    <Link to={`/admin/organizations/${organization.id}`} className="table__primary">
                      {organization.name}
                    </Link>
                    <p className="table__secondary">{organization.slug}</p>
                  </div>
                </div>
              </td>
              <td data-label="Time zone">{organization.timeZone.replaceAll('_', ' ')}</td>
              <td data-label="Status">
                <StatusBadge status={organization.status} />
              </td>
              <td data-label="Created">{formatDate(organization.createdAt)}</td>
              <td className="table__actions">
                <RowAction
                  label={`Edit ${organization.name}`}
                  onClick={() => setEditing({ kind: 'edit', organization })}
                >
                  Edit
                </RowAction>
                {organization.status === 'active' ? (
                  <>
                    <Link
                      to={`/admin/users?invite=${organization.id}`}
                      className="button button--ghost button--small"
                      aria-label={`Invite a user to ${organization.name}`}
                    >
                      Invite
                    </Link>
                    <RowAction
                      label={`Archive ${organization.name}`}
                      onClick={() => setEditing({ kind: 'archive', organization })}
                      danger
                    >
                      Archive
                    </RowAction>
                  </>
                ) : (
                  <RowAction
                    label={`Restore ${organization.name}`}
                    onClick={() => void restore(organization)}
                  >
                    Restore
                  </RowAction>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>

      <Dialog
        open={editing?.kind === 'create'}
        title="New organization"
        description="A client organization gets its own dashboard, users and lead form."
        onClose={() => setEditing(null)}
        size="large"
      >
        <OrgForm
          onCancel={() => setEditing(null)}
          onSaved={(organization) => {
            setEditing(null);
            list.prepend(organization);
            notify(`${organization.name} is created. Invite its first user next.`);
          }}
        />
      </Dialog>
      <Dialog
        open={editing?.kind === 'edit'}
        title={editing?.kind === 'edit' ? `Edit ${editing.organization.name}` : 'Edit organization'}
        onClose={() => setEditing(null)}
        size="large"
      >
        {editing?.kind === 'edit' ? (
          <OrgForm
            organization={editing.organization}
            onCancel={() => setEditing(null)}
            onSaved={(organization) => {
              setEditing(null);
              list.replace(organization);
              notify(`${organization.name} is saved.`);
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={editing?.kind === 'archive'}
        title="Archive this organization?"
        message={
          <p>
            <strong>{editing?.kind === 'archive' ? editing.organization.name : ''}</strong> will stop
            accepting leads from its website form. You can restore it at any time.
          </p>
        }
        confirmLabel="Archive"
        tone="danger"
        onClose={() => setEditing(null)}
        onConfirm={async () => {
          if (editing?.kind !== 'archive') return;
          const archived = await call(organizationRoutes.archive, {
            params: { orgId: editing.organization.id },
          });
          if (status === 'active') list.reload();
          else list.replace(archived);
          notify(`${archived.name} is archived.`);
        }}
      />
    </AppShell>
  );
};
