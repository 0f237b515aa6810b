import { useState } from 'react';
import { bookingErrorMessage } from '../lib/booking';
import { startCalendarAuthorization, useCalendarConnection } from '../lib/calendar-connection';
import { formatDateTime } from '../lib/format';
import { BusyButton } from './busy-button';

/**
 * Shown on top of every admin page while Google has revoked the calendar grant: booking is paused for
 * every client until an admin connects again. Says nothing while the connection loads or fails to load.
 */
export const CalendarRevokedBanner = () => {
  const connection = useCalendarConnection();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (connection.status !== 'ready' || connection.view.status !== 'revoked') return null;
  const { revokedAt, account } = connection.view;

  const reconnect = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await startCalendarAuthorization();
    } catch (caught) {
      setProblem(bookingErrorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <div className="alert alert--error revoked-banner" role="alert">
      <p className="alert__title">Google Calendar access was revoked</p>
      <p>
        Google no longer lets Portico use the calendar{account ? ` of ${account}` : ''}
        {revokedAt ? ` (since ${formatDateTime(revokedAt)})` : ''}. Booking is paused for every client until
        an admin reconnects the calendar.
      </p>
      {problem ? <p>{problem}</p> : null}
      <BusyButton
        className="button button--danger"
        busy={busy}
        busyLabel="Opening Google…"
        onClick={() => void reconnect()}
      >
        Reconnect Google Calendar
      </BusyButton>
    </div>
  );
};
