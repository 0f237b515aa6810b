import { useState } from 'react';
import { identityRoutes, passwordResetRequestInput } from '../../../shared/identity/contracts';
import { AuthCard, AuthForm } from '../components/auth-card';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { call } from '../lib/api';
import { validate } from '../lib/form';
import { Link } from '../lib/router';
import { useFormSubmit } from '../lib/use-form-submit';
import { useTitle } from '../lib/use-title';

const backToSignIn = <Link to="/sign-in">Back to sign in</Link>;

export const ForgotPasswordPage = () => {
  useTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () => validate(passwordResetRequestInput, { email }),
    send: async (data) => {
      await call(identityRoutes.requestPasswordReset, { body: data });
      setSentTo(data.email);
    },
  });

  if (sentTo)
    return (
      <AuthCard title="Check your inbox" footer={backToSignIn}>
        <p className="auth__lead" role="status">
          If an account uses <strong>{sentTo}</strong>, we sent it a link to choose a new password. The link
          works once and expires soon.
        </p>
      </AuthCard>
    );

  return (
    <AuthCard title="Reset your password" footer={backToSignIn}>
      <p className="auth__lead">Enter the email you sign in with and we will send you a link.</p>
      <AuthForm onSubmit={submit} busy={busy} busyLabel="Sending…" submitLabel="Send reset link">
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
      </AuthForm>
    </AuthCard>
  );
};
