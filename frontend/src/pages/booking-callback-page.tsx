import { useEffect, useRef, useState } from 'react';
import { bookingRoutes, oauthCallbackInput } from '../../../shared/booking/contracts';
import { AppShell } from '../components/app-shell';
import { BusyButton } from '../components/busy-button';
import { EmptyState, LoadingRows } from '../components/list-states';
import { adminNav } from '../lib/admin-nav';
import { call } from '../lib/api';
import { bookingErrorMessage } from '../lib/booking';
import { adoptCalendarConnection, startCalendarAuthorization } from '../lib/calendar-connection';
import { Link, navigate, useLocation } from '../lib/router';
import { useToast } from '../lib/toast';
import { useTitle } from '../lib/use-title';

type Outcome =
  | { readonly status: 'working' }
  | { readonly status: 'failed'; readonly title: string; readonly message: string };

/** What Google's answer in the address means, before anything is sent to the API. */
const outcomeOf = (search: URLSearchParams): Outcome | { readonly code: string; readonly state: string } => {
  const error = search.get('error');
  if (error === 'access_denied')
    return {
      status: 'failed',
      title: 'Google Calendar was not connected',
      message:
        'You chose not to give Portico access on Google’s consent screen, so nothing changed. Connect again whenever you are ready.',
    };
  if (error)
    return {
      status: 'failed',
      title: 'Google could not connect the calendar',
      message: `Google answered “${error}”. Nothing changed; please try again.`,
    };
  const parsed = oauthCallbackInput.safeParse({ code: search.get('code'), state: search.get('state') });
  if (!parsed.success)
    return {
      status: 'failed',
      title: 'This link is incomplete',
      message:
        'This page finishes connecting Google Calendar and is only reached from Google’s consent screen.',
    };
  return parsed.data;
};

/**
 * Where Google sends the admin back after the consent screen: hands the code and state to the API with
 * the admin's token, then goes on to the booking page. The state works once, so this sends it once.
 */
export const BookingCallbackPage = () => {
  useTitle('Connecting Google Calendar');
  const notify = useToast();
  const query = useLocation().search.toString();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'working' });
  const [retrying, setRetrying] = useState(false);
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const answer = outcomeOf(new URLSearchParams(query));
    if ('status' in answer) {
      setOutcome(answer);
      return;
    }
    call(bookingRoutes.completeAuthorization, { body: answer })
      .then((view) => {
        adoptCalendarConnection(view);
        notify(`Google Calendar is connected${view.account ? ` (${view.account})` : ''}.`);
        navigate('/admin/booking', { replace: true });
      })
      .catch((caught: unknown) =>
        setOutcome({
          status: 'failed',
          title: 'Google Calendar was not connected',
          message: bookingErrorMessage(caught),
        }),
      );
  }, [query, notify]);

  const retry = async () => {
    setRetrying(true);
    try {
      await startCalendarAuthorization();
    } catch (caught) {
      setOutcome({
        status: 'failed',
        title: 'Google could not be reached',
        message: bookingErrorMessage(caught),
      });
      setRetrying(false);
    }
  };

  return (
    <AppShell area="Operator console" nav={adminNav}>
      {outcome.status === 'working' ? (
        <LoadingRows label="Connecting Google Calendar…" />
      ) : (
        <div role="alert">
          <EmptyState title={outcome.title}>
            <p>{outcome.message}</p>
            <div className="form__buttons">
              <BusyButton
                className="button button--primary"
                busy={retrying}
                busyLabel="Opening Google…"
                onClick={() => void retry()}
              >
                Try again
              </BusyButton>
              <Link to="/admin/booking" className="button button--secondary">
                Back to booking
              </Link>
            </div>
          </EmptyState>
        </div>
      )}
    </AppShell>
  );
};
