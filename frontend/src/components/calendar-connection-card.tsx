import { useState } from 'react';
import { bookingRoutes, type ConnectionStatus } from '../../../shared/booking/contracts';
import { call } from '../lib/api';
import { bookingErrorMessage } from '../lib/booking';
import {
  type ConnectionState,
  reloadCalendarConnection,
  startCalendarAuthorization,
} from '../lib/calendar-connection';
import { formatDateTime, formatRelative } from '../lib/format';
import { useToast } from '../lib/toast';
import { BusyButton } from './busy-button';
import { ConfirmDialog } from './dialog';
import { FormAlert } from './form-alert';
import { GoogleGrantFacts } from './google-grant-facts';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';

const statusBadges: Record<ConnectionStatus, { readonly tone: string; readonly label: string }> = {
  connected: { tone: 'success', label: 'Connected' },
  'not-connected': { tone: 'neutral', label: 'Not connected' },
  'not-configured': { tone: 'neutral', label: 'Not set up' },
  revoked: { tone: 'danger', label: 'Access revoked' },
};

const statusText: Record<ConnectionStatus, string> = {
  connected: 'Clients book free slots of this calendar, and each meeting is added to it.',
  'not-connected':
    'Connect the agency’s Google Calendar so clients can book meetings in its free slots. Until then, clients see that booking is not available yet.',
  'not-configured':
    'Google Calendar is not set up for this deployment: its OAuth client must be put into the deployment’s secret first. Clients see that booking is not available yet.',
  revoked:
    'Google revoked Portico’s access. Booking is paused for every client until you reconnect the calendar.',
};

/** The Google Calendar connection: its state, the account and who connected it, and what to do next. */
export const CalendarConnectionCard = ({ connection }: { readonly connection: ConnectionState }) => {
  const notify = useToast();
  const [authorizing, setAuthorizing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const authorize = async () => {
    setAuthorizing(true);
    setProblem(null);
    try {
      await startCalendarAuthorization();
    } catch (caught) {
      setProblem(bookingErrorMessage(caught));
      setAuthorizing(false);
    }
  };

  const view = connection.status === 'ready' ? connection.view : null;
  return (
    <Widget
      title="Google Calendar"
      full
      actions={
        view ? (
          <>
            {view.standIn ? <span className="badge badge--info">Local calendar stand-in</span> : null}
            <span className={`badge badge--${statusBadges[view.status].tone}`}>
              {statusBadges[view.status].label}
            </span>
          </>
        ) : null
      }
    >
      {connection.status === 'error' ? (
        <RetryAlert title={connection.error} onRetry={() => void reloadCalendarConnection()} />
      ) : !view ? (
        <LoadingRows label="Loading the calendar connection…" />
      ) : (
        <>
          <p>{statusText[view.status]}</p>
          {view.status === 'connected' || view.status === 'revoked' ? (
            <GoogleGrantFacts grant={view}>
              <div>
                <dt>Last sync</dt>
                <dd>
                  {view.lastSyncAt ? (
                    <time dateTime={view.lastSyncAt} title={formatDateTime(view.lastSyncAt)}>
                      {formatRelative(view.lastSyncAt)}
                    </time>
                  ) : (
                    'Not yet'
                  )}
                </dd>
              </div>
            </GoogleGrantFacts>
          ) : null}
          {view.standIn ? (
            <p className="muted small">
              This deployment talks to a local stand-in for Google, not to a real Google account.
            </p>
          ) : null}
          <FormAlert title={problem ?? undefined} />
          {view.status === 'not-configured' ? null : (
            <div className="form__buttons form__buttons--start">
              {view.status === 'not-connected' ? (
                <BusyButton
                  className="button button--primary"
                  busy={authorizing}
                  busyLabel="Opening Google…"
                  onClick={() => void authorize()}
                >
                  Connect Google Calendar
                </BusyButton>
              ) : (
                <>
                  <BusyButton
                    className={`button ${view.status === 'revoked' ? 'button--primary' : 'button--secondary'}`}
                    busy={authorizing}
                    busyLabel="Opening Google…"
                    onClick={() => void authorize()}
                  >
                    Reconnect
                  </BusyButton>
                  <button
                    type="button"
                    className="button button--ghost button--danger-text"
                    onClick={() => setConfirming(true)}
                  >
                    Disconnect
                  </button>
                </>
              )}
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Disconnect Google Calendar?"
        message={
          <>
            <p>Portico gives up its access to the calendar, and clients can no longer book meetings.</p>
            <p>Meetings already booked stay booked, and their events stay in Google Calendar.</p>
          </>
        }
        confirmLabel="Disconnect"
        tone="danger"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await call(bookingRoutes.disconnect);
          await reloadCalendarConnection({ fresh: true });
          notify('Google Calendar is disconnected.');
        }}
      />
    </Widget>
  );
};
