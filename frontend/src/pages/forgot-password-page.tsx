import { type FormEvent, useState } from 'react';
import { identityRoutes, passwordResetRequestInput } from '../../../shared/identity/contracts';
import { PublicShell } from '../components/app-shell';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { call, errorMessage } from '../lib/api';
import { apiFieldErrors, type FieldErrors, validate } from '../lib/form';
import { Link } from '../lib/router';
import { useTitle } from '../lib/use-title';

export const ForgotPasswordPage = () => {
  useTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = validate(passwordResetRequestInput, { email });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await call(identityRoutes.requestPasswordReset, { body: result.data });
      setSentTo(result.data.email);
    } catch (caught) {
      setErrors(apiFieldErrors(caught));
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo)
    return (
      <PublicShell>
        <h1 className="auth__title">Check your inbox</h1>
        <p className="auth__lead" role="status">
          If an account uses <strong>{sentTo}</strong>, we sent it a link to choose a new password. The link
          works once and expires soon.
        </p>
        <p className="auth__footer">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </PublicShell>
    );

  return (
    <PublicShell>
      <h1 className="auth__title">Reset your password</h1>
      <p className="auth__lead">Enter the email you sign in with and we will send you a link.</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          required
        />
        <FormAlert title={failure ?? undefined} />
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? 'Sending…' : 'Send reset link'}
        </button>
      </form>
      <p className="auth__footer">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </PublicShell>
  );
};
