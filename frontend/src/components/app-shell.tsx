import type { ReactNode } from 'react';
import { config } from '../config';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { AccountMenu } from './account-menu';
import { CalendarRevokedBanner } from './calendar-revoked-banner';

export interface NavItem {
  readonly to: string;
  readonly label: string;
}

interface AppShellProps {
  readonly area: string;
  readonly nav?: readonly NavItem[];
  readonly children: ReactNode;
}

/**
 * The menu item a path is on: the most specific one the path lies under, so an event's "Agenda"
 * (`/conferences/o/c`) is not also current on its "Attendees" page (`/conferences/o/c/attendees`).
 */
export const currentNavItem = (nav: readonly NavItem[], pathname: string): string | null =>
  nav
    .filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
    .reduce<string | null>((best, item) => (best && best.length >= item.to.length ? best : item.to), null);

/** The frame around signed-in pages: brand, navigation, account menu and the main landmark. */
export const AppShell = ({ area, nav = [], children }: AppShellProps) => {
  const { pathname } = useLocation();
  const { user } = useSession();
  const currentTo = currentNavItem(nav, pathname);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              P
            </span>
            <span className="brand__name">{config.appName}</span>
            <span className="brand__area">{area}</span>
          </Link>
          {nav.length > 0 ? (
            <nav className="topnav" aria-label="Main">
              {nav.map((item) => {
                const current = item.to === currentTo;
                return (
                  <Link
                    key={item.to}
                    to={item.to}
                    className={`topnav__link${current ? ' topnav__link--current' : ''}`}
                    aria-current={current ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                );
              })}
            </nav>
          ) : null}
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {user?.role === 'admin' ? <CalendarRevokedBanner /> : null}
        {children}
      </main>
    </div>
  );
};

interface PublicShellProps {
  readonly children: ReactNode;
}

/** The frame around sign-in, invitation and password pages: a centred card. */
export const PublicShell = ({ children }: PublicShellProps) => (
  <div className="public">
    <main id="main" className="public__main" tabIndex={-1}>
      <p className="public__brand">
        <span className="brand__mark" aria-hidden="true">
          P
        </span>
        <span className="brand__name">{config.appName}</span>
      </p>
      <div className="card card--auth">{children}</div>
    </main>
  </div>
);
