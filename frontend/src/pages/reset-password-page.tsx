import { type FormEvent, useState } from 'react';
import { identityRoutes, passwordResetCompleteInput } from '../../../shared/identity/contracts';
import { PublicShell } from '../components/app-shell';
import { FormAlert } from '../components/form-alert';
import { NewPasswordField } from '../components/new-password-field';
import { ApiError, call, errorMessage } from '../lib/api';
import { apiFieldErrors, type FieldErrors, unplacedErrors, validate } from '../lib/form';
import { Link, useLocation } from '../lib/router';
import { useTitle } from '../lib/use-title';

export const ResetPasswordPage = () => {
  useTitle('Choose a new password');
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = validate(passwordResetCompleteInput, { token, password });
    if (!result.ok) {
      setErrors(result.errors);
      if (result.errors.token)
        setFailure('This reset link is incomplete. Open the link from the email again.');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await call(identityRoutes.completePasswordReset, { body: result.data });
      setDone(true);
    } catch (caught) {
      setErrors(apiFieldErrors(caught));
      setFailure(
        caught instanceof ApiError && [400, 404, 410].includes(caught.status) && !caught.fieldErrors.password
          ? 'This reset link has expired or was already used. Ask for a new one.'
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <PublicShell>
        <h1 className="auth__title">Password changed</h1>
        <p className="auth__lead" role="status">
          Your new password is set, and every other sign-in of your account has ended.
        </p>
        <Link to="/sign-in" className="button button--primary button--block">
          Sign in
        </Link>
      </PublicShell>
    );

  return (
    <PublicShell>
      <h1 className="auth__title">Choose a new password</h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <NewPasswordField
          label="New password"
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, ['password', 'token'])}>
          {failure?.includes('Ask for a new one') ? (
            <Link to="/forgot-password">Send me a new link</Link>
          ) : null}
        </FormAlert>
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? 'Saving…' : 'Set new password'}
        </button>
      </form>
      <p className="auth__footer">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </PublicShell>
  );
};
