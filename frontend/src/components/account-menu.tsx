import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../lib/api';
import { capitalize } from '../lib/format';
import { navigate } from '../lib/router';
import { useSession, useUser } from '../lib/session';
import { useToast } from '../lib/toast';

const initialsOf = (name: string, email: string) =>
  (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0])
      .join('') || email[0]
  )?.toUpperCase() ?? '?';

/** The signed-in user's menu: who they are, sign out here or on every device. */
export const AccountMenu = () => {
  const user = useUser();
  const { signOut, signOutEverywhere } = useSession();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    const onFocus = (event: FocusEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open]);

  const run = async (action: () => Promise<void>, where: 'here' | 'everywhere') => {
    setBusy(true);
    try {
      await action();
      navigate(`/sign-in?signed-out=${where}`, { replace: true });
    } catch (caught) {
      notify(errorMessage(caught), 'error');
      setBusy(false);
    }
  };

  return (
    <div className="account-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="account-menu__toggle"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initialsOf(user.name, user.email)}
        </span>
        <span className="account-menu__name">{user.name || user.email}</span>
        <span className="visually-hidden">Account menu</span>
        <span className="account-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={menuId} className="account-menu__panel" hidden={!open}>
        <div className="account-menu__who">
          <p className="account-menu__user">{user.name}</p>
          <p className="account-menu__email">{user.email}</p>
          <p className="badge badge--neutral account-menu__role">
            {user.role === 'admin' ? 'Operator admin' : capitalize(user.role)}
          </p>
        </div>
        <ul className="account-menu__actions">
          <li>
            <button
              type="button"
              className="menu-item"
              disabled={busy}
              onClick={() => void run(signOut, 'here')}
            >
              Sign out
            </button>
          </li>
          <li>
            <button
              type="button"
              className="menu-item"
              disabled={busy}
              onClick={() => void run(signOutEverywhere, 'everywhere')}
            >
              Sign out everywhere
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
};
