import { useState } from 'react';
import { signInInput } from '../../../shared/identity/contracts';
import { AuthCard, AuthForm } from '../components/auth-card';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { ApiError, errorMessage } from '../lib/api';
import { unplacedErrors, validate } from '../lib/form';
import { Link, navigate, useLocation } from '../lib/router';
import { homeFor, useSession } from '../lib/session';
import { useFormSubmit } from '../lib/use-form-submit';
import { useTitle } from '../lib/use-title';

const fields = ['email', 'password'];

/** Only same-app paths are followed after sign-in, never another site. */
const safeNext = (next: string | null): string | null =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : null;

export const SignInPage = () => {
  useTitle('Sign in');
  const { signIn } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signedOut = search.get('signed-out');

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () => validate(signInInput, { email, password }),
    send: async (data) => {
      const user = await signIn(data);
      const next = safeNext(search.get('next'));
      navigate(next && (user.role === 'admin') === next.startsWith('/admin') ? next : homeFor(user), {
        replace: true,
      });
    },
    failureTitle: (caught) =>
      caught instanceof ApiError && caught.status === 401
        ? 'The email or password is not correct.'
        : errorMessage(caught),
  });

  return (
    <AuthCard title="Sign in" footer={<Link to="/forgot-password">Forgot your password?</Link>}>
      {signedOut ? (
        <p className="alert alert--success" role="status">
          {signedOut === 'everywhere'
            ? 'You are signed out on every device.'
            : 'You are signed out. See you soon.'}
        </p>
      ) : (
        <p className="auth__lead">Welcome back. Sign in to your Portico account.</p>
      )}
      <AuthForm onSubmit={submit} busy={busy} busyLabel="Signing in…" submitLabel="Sign in">
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          required
        />
        <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, fields)} />
      </AuthForm>
    </AuthCard>
  );
};
