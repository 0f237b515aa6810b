import { type FormEvent, useState } from 'react';
import {
  identityRoutes,
  type Role,
  type UserView,
  updateUserInput,
} from '../../../shared/identity/contracts';
import { call, errorMessage } from '../lib/api';
import { apiFieldErrors, type FieldErrors, unplacedErrors, validate } from '../lib/form';
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const changes = {
      ...(name.trim() !== user.name ? { name } : {}),
      ...(role !== user.role ? { role } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    const result = validate(updateUserInput, changes);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onSaved(await call(identityRoutes.updateUser, { params: { userId: user.id }, body: result.data }));
    } catch (caught) {
      setBusy(false);
      setErrors(apiFieldErrors(caught));
      setFailure(errorMessage(caught));
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="dialog__content form-grid form-grid--single">
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
      </div>
      <footer className="dialog__footer">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </footer>
    </form>
  );
};
