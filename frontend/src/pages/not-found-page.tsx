import { PublicShell } from '../components/app-shell';
import { Link } from '../lib/router';
import { useTitle } from '../lib/use-title';

export const NotFoundPage = () => {
  useTitle('Page not found');
  return (
    <PublicShell>
      <h1 className="auth__title">Page not found</h1>
      <p className="auth__lead">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <Link to="/" className="button button--primary button--block">
        Go to Portico
      </Link>
    </PublicShell>
  );
};
