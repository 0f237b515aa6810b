import { useState } from 'react';
import {
  identityRoutes,
  type Role,
  type UserView,
  updateUserInput,
} from '../../../shared/identity/contracts';
import { call } from '../lib/api';
import { unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { DialogForm } from './dialog';
import { SelectField, TextField } from './field';
import { FormAlert } from './form-alert';

interface EditUserFormProps {
  readonly user: UserView;
  readonly onSaved: (user: UserView) => void;
  readonly onCancel: () => void;
}

/**
 * Renames a user or switches a client user between owner and member. Operator admins keep their role:
 * moving someone into or out of an organization is a new invitation, not a role change.
 */
export const EditUserForm = ({ user, onSaved, onCancel }: EditUserFormProps) => {
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () => {
      const changes = {
        ...(name.trim() !== user.name ? { name } : {}),
        ...(role !== user.role ? { role } : {}),
      };
      if (Object.keys(changes).length > 0) return validate(updateUserInput, changes);
      onCancel();
      return null;
    },
    send: async (data) =>
      onSaved(await call(identityRoutes.updateUser, { params: { userId: user.id }, body: data })),
  });

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel="Save changes"
      className="form-grid form-grid--single"
    >
      <p className="note">{user.email}</p>
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
        required
      />
      {user.role === 'admin' ? null : (
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          error={errors.role}
        >
          <option value="owner">Owner</option>
          <option value="member">Member</option>
        </SelectField>
      )}
      <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, ['name', 'role'])} />
    </DialogForm>
  );
};
