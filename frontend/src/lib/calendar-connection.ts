import { useEffect, useSyncExternalStore } from 'react';
import { bookingRoutes, type ConnectionView } from '../../../shared/booking/contracts';
import { call } from './api';
import { bookingErrorMessage } from './booking';

export type ConnectionState =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ready'; readonly view: ConnectionView }
  | { readonly status: 'error'; readonly error: string };

/**
 * The operator's Google Calendar connection, loaded once per page load and shared by every admin page:
 * the shell shows the "access revoked" banner from it, the booking page its connection card. Pages that
 * change the connection put the API's answer here, so the banner follows at once.
 */
let state: ConnectionState = { status: 'idle' };
let inFlight: Promise<void> | null = null;
/** Bumped whenever a page adopts an answer: a load that started before it must not overwrite it. */
let generation = 0;
const listeners = new Set<() => void>();

const set = (next: ConnectionState) => {
  state = next;
  for (const listener of listeners) listener();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * Asks the API again (after an error, or to see the latest sync); one request at a time. `fresh` after a
 * change: an answer already on its way may predate it.
 */
export const reloadCalendarConnection = ({ fresh = false } = {}): Promise<void> => {
  if (fresh) generation++;
  else if (inFlight) return inFlight;
  const started = generation;
  const load = fetchConnection(started).finally(() => {
    if (inFlight === load) inFlight = null;
  });
  inFlight = load;
  return load;
};

const fetchConnection = async (started: number) => {
  if (state.status !== 'ready') set({ status: 'loading' });
  try {
    const view = await call(bookingRoutes.connection);
    if (generation === started) set({ status: 'ready', view });
  } catch (caught) {
    if (generation === started) set({ status: 'error', error: bookingErrorMessage(caught) });
  }
};

/** Puts a connection the API just answered with in place of the one shown (and of any answer on its way). */
export const adoptCalendarConnection = (view: ConnectionView): void => {
  generation++;
  inFlight = null;
  set({ status: 'ready', view });
};

/** The shared connection state, loaded on first use. Only for operator admins: nobody else may read it. */
export const useCalendarConnection = (): ConnectionState => {
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (state.status === 'idle') void reloadCalendarConnection();
  }, []);
  return current;
};

/** Sends the browser to Google's consent screen (locally: the stand-in's); resolves only on failure. */
export const startCalendarAuthorization = async (): Promise<void> => {
  const { authorizationUrl } = await call(bookingRoutes.authorize);
  window.location.assign(authorizationUrl);
};
