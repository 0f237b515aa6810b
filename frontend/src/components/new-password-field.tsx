import { useId, useState } from 'react';
import { TextField } from './field';

interface NewPasswordFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
}

/** A password being chosen: the rule up front, and a way to check what was typed. */
export const NewPasswordField = ({ label, value, onChange, error }: NewPasswordFieldProps) => {
  const [shown, setShown] = useState(false);
  const toggleId = useId();
  return (
    <div className="password-field">
      <TextField
        label={label}
        type={shown ? 'text' : 'password'}
        name="new-password"
        autoComplete="new-password"
        hint="At least 12 characters. A few unrelated words make a strong, memorable passphrase."
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        required
      />
      <div className="checkbox">
        <input
          id={toggleId}
          type="checkbox"
          checked={shown}
          onChange={(event) => setShown(event.target.checked)}
        />
        <label htmlFor={toggleId}>Show password</label>
      </div>
    </div>
  );
};
