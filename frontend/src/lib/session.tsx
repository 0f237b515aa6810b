import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import {
  type acceptInvitationInput,
  identityRoutes,
  type signInInput,
  type UserView,
} from '../../../shared/identity/contracts';
import type * as z from '../../../shared/schema/zod';
import { adoptSession, call, onSessionChange, refreshSession } from './api';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly user: UserView };

export interface SessionContextValue {
  readonly state: SessionState;
  /** The signed-in user, or null while loading and when signed out. */
  readonly user: UserView | null;
  readonly signIn: (input: z.output<typeof signInInput>) => Promise<UserView>;
  readonly acceptInvitation: (input: z.output<typeof acceptInvitationInput>) => Promise<UserView>;
  readonly signOut: () => Promise<void>;
  readonly signOutEverywhere: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Where each role lands after signing in. */
export const homeFor = (user: UserView): string =>
  dashboardUrl(user.role === 'admin' ? 'organizations' : user.role === 'guest' ? 'conferences' : 'dashboard');

/**
 * Holds who is signed in. On load it asks the API for a session from the refresh cookie; the access
 * token itself stays inside the API client, in memory.
 */
export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const unsubscribe = onSessionChange((session) =>
      setState(session ? { status: 'signed-in', user: session.user } : { status: 'signed-out' }),
    );
    refreshSession()
      .then((session) => {
        if (!session)
          setState((current) => (current.status === 'loading' ? { status: 'signed-out' } : current));
      })
      .catch(() =>
        setState((current) => (current.status === 'loading' ? { status: 'signed-out' } : current)),
      );
    return unsubscribe;
  }, []);

  const signIn = useCallback(async (input: z.output<typeof signInInput>) => {
    const session = await call(identityRoutes.signIn, { body: input });
    adoptSession(session);
    return session.user;
  }, []);

  const acceptInvitation = useCallback(async (input: z.output<typeof acceptInvitationInput>) => {
    const session = await call(identityRoutes.acceptInvitation, { body: input });
    adoptSession(session);
    return session.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call(identityRoutes.signOut);
    } finally {
      adoptSession(null);
    }
  }, []);

  const signOutEverywhere = useCallback(async () => {
    await call(identityRoutes.signOutEverywhere);
    adoptSession(null);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      user: state.status === 'signed-in' ? state.user : null,
      signIn,
      acceptInvitation,
      signOut,
      signOutEverywhere,
    }),
    [state, signIn, acceptInvitation, signOut, signOutEverywhere],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionContextValue => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
};

/** The signed-in user, for pages that only render once someone is signed in. */
export const useUser = (): UserView => {
  const { user } = useSession();
  if (!user) throw new Error('useUser needs a signed-in user');
  return user;
};
