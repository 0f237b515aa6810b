import { useCallback, useEffect, useId, useState } from 'react';
import { type BookingSettingsView, type BookingView, bookingRoutes } from '../../../shared/booking/contracts';
import { AppShell } from '../components/app-shell';
import { BookingSettingsForm } from '../components/booking-settings-form';
import { CalendarConnectionCard } from '../components/calendar-connection-card';
import { PageHeader } from '../components/list-page';
import { LoadingRows, PagedListCard, RetryAlert } from '../components/list-states';
import { Widget } from '../components/widget';
import { adminNav } from '../lib/admin-nav';
import { call, errorMessage } from '../lib/api';
import { formatDayIn, formatTimeIn } from '../lib/booking';
import { reloadCalendarConnection, useCalendarConnection } from '../lib/calendar-connection';
import { Link } from '../lib/router';
import { useToast } from '../lib/toast';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { useTitle } from '../lib/use-title';
import { zoneName } from '../lib/zoned-time';

/** The operator's booking: the Google Calendar connection, availability, and every upcoming meeting. */
export const BookingPage = () => {
  useTitle('Booking');
  const notify = useToast();
  const connection = useCalendarConnection();
  const [settings, setSettings] = useState<BookingSettingsView | null>(null);
  const [settingsProblem, setSettingsProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // The shell loads the connection once per page load; this page shows the latest (e.g. the last sync).
  useEffect(() => {
    void reloadCalendarConnection();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` only asks for the settings again
  useEffect(() => {
    const controller = new AbortController();
    setSettingsProblem(null);
    call(bookingRoutes.settings, { signal: controller.signal })
      .then(setSettings)
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setSettingsProblem(errorMessage(caught));
      });
    return () => controller.abort();
  }, [attempt]);

  const connected =
    connection.status === 'ready' && ['connected', 'revoked'].includes(connection.view.status);
  return (
    <AppShell area="Operator console" nav={adminNav}>
      <PageHeader
        title="Booking"
        lead="Clients book meetings in the free time of your Google Calendar, in their own time zone."
      />
      <div className="booking-page">
        <CalendarConnectionCard connection={connection} />
        <Widget title="Availability" full>
          {settingsProblem ? (
            <RetryAlert title={settingsProblem} onRetry={() => setAttempt((value) => value + 1)} />
          ) : settings === null || connection.status === 'idle' || connection.status === 'loading' ? (
            <LoadingRows label="Loading the booking settings…" />
          ) : (
            <BookingSettingsForm
              settings={settings}
              connected={connected}
              onSaved={(saved) => {
                setSettings(saved);
                notify('The booking settings are saved.');
              }}
              onReloaded={setSettings}
            />
          )}
        </Widget>
        <UpcomingBookings timeZone={settings?.availability.timeZone ?? null} />
      </div>
    </AppShell>
  );
};

/** Every organization's upcoming meetings, soonest first, in the operator's time zone. */
const UpcomingBookings = ({ timeZone }: { readonly timeZone: string | null }) => {
  const headingId = useId();
  const fetchPage = useCallback<FetchPage<BookingView>>(
    (cursor, signal) => call(bookingRoutes.allBookings, { query: { when: 'upcoming', cursor }, signal }),
    [],
  );
  const list = usePagedList(fetchPage);
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <section className="booking-page__list" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId} className="section-header__title">
          Upcoming bookings
        </h2>
        <p className="muted small">Times in {zoneName(zone)}</p>
      </div>
      <PagedListCard
        list={list}
        heading="Upcoming bookings, soonest first"
        loadingLabel="Loading bookings…"
        emptyTitle="No upcoming bookings"
        emptyBody="When a client books a meeting, it shows up here and in your calendar."
        noun={['booking', 'bookings']}
      >
        <table className="table">
          <thead>
            <tr>
              {['When', 'Organization', 'Project', 'Type', 'Booked by', 'Notes'].map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.items.map((booking) => (
              <tr key={booking.id}>
                <td data-label="When">
                  <p className="table__primary">
                    <time dateTime={booking.start}>{formatDayIn(booking.start, zone)}</time>
                  </p>
                  <p className="table__secondary">
                    {formatTimeIn(booking.start, zone)}–{formatTimeIn(booking.end, zone)}
                    {booking.movedAt ? ' · moved' : ''}
                  </p>
                </td>
                <td data-label="Organization">
                  <Link to={`/admin/organizations/${booking.orgId}`}>{booking.organizationName}</Link>
                </td>
                <td data-label="Project">{booking.projectName ?? <span className="muted">None</span>}</td>
                <td data-label="Type">
                  {booking.kickoff ? (
                    <span className="badge badge--info">Kickoff</span>
                  ) : (
                    <span className="badge badge--neutral">Meeting</span>
                  )}
                </td>
                <td data-label="Booked by">
                  <div>
                    <p>{booking.bookedBy}</p>
                    <p className="table__secondary">{booking.bookedByEmail}</p>
                  </div>
                </td>
                <td data-label="Notes" className="booking-notes-cell">
                  {booking.notes ? (
                    <span className="booking-notes">{booking.notes}</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </PagedListCard>
    </section>
  );
};
