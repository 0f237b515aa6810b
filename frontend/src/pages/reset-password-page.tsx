import { useState } from 'react';
import { identityRoutes, passwordResetCompleteInput } from '../../../shared/identity/contracts';
import { AuthCard, AuthForm } from '../components/auth-card';
import { FormAlert } from '../components/form-alert';
import { NewPasswordField } from '../components/new-password-field';
import { ApiError, call, errorMessage } from '../lib/api';
import { unplacedErrors, validate } from '../lib/form';
import { Link, useLocation } from '../lib/router';
import { useFormSubmit } from '../lib/use-form-submit';
import { useTitle } from '../lib/use-title';

export const ResetPasswordPage = () => {
  useTitle('Choose a new password');
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () => validate(passwordResetCompleteInput, { token, password }),
    invalidTitle: (invalid) =>
      invalid.token ? 'This reset link is incomplete. Open the link from the email again.' : null,
    send: async (data) => {
      await call(identityRoutes.completePasswordReset, { body: data });
      setDone(true);
    },
    failureTitle: (caught) =>
      caught instanceof ApiError && [400, 404, 410].includes(caught.status) && !caught.fieldErrors.password
        ? 'This reset link has expired or was already used. Ask for a new one.'
        : errorMessage(caught),
  });

  if (done)
    return (
      <AuthCard title="Password changed">
        <p className="auth__lead" role="status">
          Your new password is set, and every other sign-in of your account has ended.
        </p>
        <Link to="/sign-in" className="button button--primary button--block">
          Sign in
        </Link>
      </AuthCard>
    );

  return (
    <AuthCard title="Choose a new password" footer={<Link to="/sign-in">Back to sign in</Link>}>
      <AuthForm onSubmit={submit} busy={busy} busyLabel="Saving…" submitLabel="Set new password">
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
      </AuthForm>
    </AuthCard>
  );
};
