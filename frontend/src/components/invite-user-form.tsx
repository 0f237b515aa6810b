import { useState } from 'react';
import {
  identityRoutes,
  inviteUserInput,
  type Role,
  type UserView,
} from '../../../shared/identity/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { call } from '../lib/api';
import { unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { DialogForm } from './dialog';
import { SelectField, TextField } from './field';
import { FormAlert } from './form-alert';

interface InviteUserFormProps {
  readonly organizations: readonly OrganizationView[] | null;
  readonly initialOrgId?: string;
  readonly onInvited: (user: UserView) => void;
  readonly onCancel: () => void;
}

const fields = ['email', 'name', 'role', 'orgId'];

export const roleLabels: Record<Role, string> = {
  admin: 'Operator admin',
  owner: 'Owner',
  member: 'Member',
  guest: 'Guest (events only)',
};

/** Invites someone by email: the link in the email lets them choose a name and password. */
export const InviteUserForm = ({ organizations, initialOrgId, onInvited, onCancel }: InviteUserFormProps) => {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('owner');
  const [orgId, setOrgId] = useState(initialOrgId ?? '');
  const active = organizations?.filter((organization) => organization.status === 'active') ?? [];
  // A preselected organization that is archived or unknown is no choice at all.
  const chosenOrgId = organizations === null || active.some((o) => o.id === orgId) ? orgId : '';

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () =>
      validate(inviteUserInput, {
        email,
        name,
        role,
        orgId: role === 'admin' || chosenOrgId === '' ? undefined : chosenOrgId,
      }),
    invalidTitle: 'Please correct the highlighted fields.',
    send: async (data) => onInvited(await call(identityRoutes.inviteUser, { body: data })),
    taken: { field: 'email', message: 'Someone already uses this email' },
  });

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Sending…"
      submitLabel="Send invitation"
      className="form-grid"
    >
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={errors.email}
        required
      />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        hint="They can change it when they accept."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
        required
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
        error={errors.role}
      >
        <option value="owner">Owner: edits the organization's profile</option>
        <option value="member">Member: views the organization's dashboard</option>
        <option value="admin">Operator admin: runs the agency console</option>
      </SelectField>
      {role === 'admin' ? (
        <p className="note form-grid__wide">Operator admins belong to no organization; they see every one.</p>
      ) : (
        <SelectField
          label="Organization"
          name="orgId"
          value={chosenOrgId}
          onChange={(event) => setOrgId(event.target.value)}
          error={errors.orgId}
          disabled={organizations === null}
        >
          <option value="">
            {organizations === null ? 'Loading organizations…' : 'Choose an organization'}
          </option>
          {active.map((organization) => (
            <option key={organization.id} value={organization.id}>
              {organization.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="form-grid__wide">
        <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, fields)} />
      </div>
    </DialogForm>
  );
};
