import { type FormEvent, useState } from 'react';
import { signInInput } from '../../../shared/identity/contracts';
import { PublicShell } from '../components/app-shell';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { ApiError, errorMessage } from '../lib/api';
import { apiFieldErrors, type FieldErrors, unplacedErrors, validate } from '../lib/form';
import { Link, navigate, useLocation } from '../lib/router';
import { homeFor, useSession } from '../lib/session';
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signedOut = search.get('signed-out');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = validate(signInInput, { email, password });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await signIn(result.data);
      const next = safeNext(search.get('next'));
      navigate(next && (user.role === 'admin') === next.startsWith('/admin') ? next : homeFor(user), {
        replace: true,
      });
    } catch (caught) {
      setBusy(false);
      setErrors(apiFieldErrors(caught));
      setFailure(
        caught instanceof ApiError && caught.status === 401
          ? 'The email or password is not correct.'
          : errorMessage(caught),
      );
    }
  };

  return (
    <PublicShell>
      <h1 className="auth__title">Sign in</h1>
      {signedOut ? (
        <p className="alert alert--success" role="status">
          {signedOut === 'everywhere'
            ? 'You are signed out on every device.'
            : 'You are signed out. See you soon.'}
        </p>
      ) : (
        <p className="auth__lead">Welcome back. Sign in to your Portico account.</p>
      )}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
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
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth__footer">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </PublicShell>
  );
};
