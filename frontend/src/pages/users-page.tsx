import { useCallback, useMemo, useState } from 'react';
import {
  identityRoutes,
  type Role,
  type UserStatus,
  type UserView,
} from '../../../shared/identity/contracts';
import { AppShell } from '../components/app-shell';
import { ConfirmDialog, Dialog } from '../components/dialog';
import { EditUserForm } from '../components/edit-user-form';
import { SelectField } from '../components/field';
import { InviteUserForm, roleLabels } from '../components/invite-user-form';
import { FilterBar, PageHeader } from '../components/list-page';
import { PagedListCard } from '../components/list-states';
import { ListTable, RowAction } from '../components/list-table';
import { StatusBadge } from '../components/status-badge';
import { adminNav } from '../lib/admin-nav';
import { call, errorMessage } from '../lib/api';
import { formatRelative } from '../lib/format';
import { useAllOrganizations } from '../lib/organizations';
import { navigate, useLocation } from '../lib/router';
import { useUser } from '../lib/session';
import { useToast } from '../lib/toast';
import { type FetchPage, useDebounced, usePagedList } from '../lib/use-paged-list';
import { useTitle } from '../lib/use-title';

type Action =
  | { readonly kind: 'invite'; readonly orgId?: string }
  | { readonly kind: 'edit'; readonly user: UserView }
  | { readonly kind: 'deactivate'; readonly user: UserView }
  | null;

export const UsersPage = () => {
  useTitle('Users');
  const me = useUser();
  const notify = useToast();
  const { search: params } = useLocation();
  const organizations = useAllOrganizations();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<UserStatus | ''>('');
  const [orgId, setOrgId] = useState('');
  const q = useDebounced(search.trim());
  const inviteFor = params.get('invite');
  const [action, setAction] = useState<Action>(() =>
    inviteFor !== null ? { kind: 'invite', orgId: inviteFor } : null,
  );

  const orgNames = useMemo(
    () => new Map((organizations ?? []).map((organization) => [organization.id, organization.name])),
    [organizations],
  );

  const fetchPage = useCallback<FetchPage<UserView>>(
    (cursor, signal) =>
      call(identityRoutes.listUsers, {
        query: {
          q: q || undefined,
          role: role || undefined,
          status: status || undefined,
          orgId: orgId || undefined,
          cursor,
        },
        signal,
      }),
    [q, role, status, orgId],
  );
  const list = usePagedList(fetchPage);

  const closeAction = () => {
    setAction(null);
    if (inviteFor !== null) navigate('/admin/users', { replace: true, keepFocus: true });
  };

  const runRowAction = async (user: UserView, kind: 'reactivate' | 'resend') => {
    try {
      const updated =
        kind === 'reactivate'
          ? await call(identityRoutes.reactivateUser, { params: { userId: user.id } })
          : await call(identityRoutes.resendInvitation, { params: { userId: user.id } });
      list.replace(updated);
      notify(
        kind === 'reactivate'
          ? `${updated.name} can sign in again.`
          : `A new invitation is on its way to ${updated.email}.`,
      );
    } catch (caught) {
      notify(errorMessage(caught), 'error');
    }
  };

  const filtered = q !== '' || role !== '' || status !== '' || orgId !== '';
  return (
    <AppShell area="Operator console" nav={adminNav}>
      <PageHeader
        title="Users"
        lead="Operator admins and the people of each client organization."
        addLabel="Invite user"
        onAdd={() => setAction({ kind: 'invite' })}
      />

      <FilterBar
        searchLabel="Search users"
        placeholder="Name or email"
        search={search}
        onSearch={setSearch}
        wrap
      >
        <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as Role | '')}>
          <option value="">All roles</option>
          <option value="admin">Operator admin</option>
          <option value="owner">Owner</option>
          <option value="member">Member</option>
        </SelectField>
        <SelectField
          label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as UserStatus | '')}
        >
          <option value="">All statuses</option>
          <option value="active">Active</option>
          <option value="invited">Invited</option>
          <option value="deactivated">Deactivated</option>
        </SelectField>
        <SelectField label="Organization" value={orgId} onChange={(event) => setOrgId(event.target.value)}>
          <option value="">All organizations</option>
          {(organizations ?? []).map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name}
            </option>
          ))}
        </SelectField>
      </FilterBar>

      <PagedListCard
        list={list}
        heading="User list"
        loadingLabel="Loading users…"
        emptyTitle={filtered ? 'No users match' : 'No users yet'}
        emptyBody={
          filtered ? 'Try another search or filter.' : 'Invite the first user of a client organization.'
        }
        noun={['user', 'users']}
      >
        <ListTable columns={['User', 'Role', 'Organization', 'Status', 'Last sign-in']}>
          {list.items.map((user) => (
            <tr key={user.id}>
              <td data-label="User">
                <p className="table__primary">{user.name || '—'}</p>
                <p className="table__secondary">{user.email}</p>
              </td>
              <td data-label="Role">{roleLabels[user.role]}</td>
              <td data-label="Organization">
                {user.orgId ? (orgNames.get(user.orgId) ?? 'Unknown organization') : 'Agency'}
              </td>
              <td data-label="Status">
                <StatusBadge status={user.status} />
              </td>
              <td data-label="Last sign-in">
                {user.lastSignInAt ? (
                  <time dateTime={user.lastSignInAt}>{formatRelative(user.lastSignInAt)}</time>
                ) : (
                  'Never'
                )}
              </td>
              <td className="table__actions">
                <RowAction label={`Edit ${user.email}`} onClick={() => setAction({ kind: 'edit', user })}>
                  Edit
                </RowAction>
                {user.status === 'invited' ? (
                  <RowAction
                    label={`Resend invitation to ${user.email}`}
                    onClick={() => void runRowAction(user, 'resend')}
                  >
                    Resend invitation
                  </RowAction>
                ) : null}
                {user.status === 'deactivated' ? (
                  <RowAction
                    label={`Reactivate ${user.email}`}
                    onClick={() => void runRowAction(user, 'reactivate')}
                  >
                    Reactivate
                  </RowAction>
                ) : user.id !== me.id ? (
                  <RowAction
                    label={`Deactivate ${user.email}`}
                    onClick={() => setAction({ kind: 'deactivate', user })}
                    danger
                  >
                    Deactivate
                  </RowAction>
                ) : null}
              </td>
            </tr>
          ))}
        </ListTable>
      </PagedListCard>

      <Dialog
        open={action?.kind === 'invite'}
        title="Invite user"
        description="They get an email with a link to choose their name and password. The link is valid for 7 days."
        onClose={closeAction}
        size="large"
      >
        <InviteUserForm
          organizations={organizations}
          initialOrgId={action?.kind === 'invite' ? action.orgId : undefined}
          onCancel={closeAction}
          onInvited={(user) => {
            closeAction();
            list.prepend(user);
            notify(`Invitation sent to ${user.email}.`);
          }}
        />
      </Dialog>
      <Dialog open={action?.kind === 'edit'} title="Edit user" onClose={closeAction} size="small">
        {action?.kind === 'edit' ? (
          <EditUserForm
            user={action.user}
            onCancel={closeAction}
            onSaved={(user) => {
              closeAction();
              list.replace(user);
              notify(`${user.name} is saved.`);
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={action?.kind === 'deactivate'}
        title="Deactivate this user?"
        message={
          <p>
            <strong>{action?.kind === 'deactivate' ? action.user.email : ''}</strong> is signed out everywhere
            at once and cannot sign in until you reactivate them.
          </p>
        }
        confirmLabel="Deactivate"
        tone="danger"
        onClose={closeAction}
        onConfirm={async () => {
          if (action?.kind !== 'deactivate') return;
          const updated = await call(identityRoutes.deactivateUser, { params: { userId: action.user.id } });
          list.replace(updated);
          notify(`${updated.name || updated.email} is deactivated.`);
        }}
      />
    </AppShell>
  );
};
