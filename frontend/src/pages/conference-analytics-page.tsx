import { useEffect, useMemo, useState } from 'react';
import {
  analyticsRoutes,
  type analyticsView,
  type participationView,
} from '../../../shared/conferences/analytics-contracts';
import type * as z from '../../../shared/schema/zod';
import { AppShell } from '../components/app-shell';
import { BarChart } from '../components/bar-chart';
import { FormAlert } from '../components/form-alert';
import { NetworkingAnalytics } from '../components/networking-analytics';
import { call, errorMessage } from '../lib/api';
import { downloadAnalyticsCsv } from '../lib/conference-exports';
import { useConferenceNav } from '../lib/conference-nav';
import { useTitle } from '../lib/use-title';

type Analytics = z.infer<typeof analyticsView>;
type Participation = z.infer<typeof participationView>;

const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;

/** People present minute by minute, as a line over the day. */
const ParticipationChart = ({ participation }: { readonly participation: Participation }) => {
  const points = participation.minutes;
  if (points.length === 0) return <p>Nobody has been present on {participation.date} yet.</p>;
  const max = Math.max(1, ...points.map((p) => p.people));
  const minuteOfDay = (local: string) => Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  const path = points
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${((minuteOfDay(p.local) / 1440) * 600).toFixed(1)},${(120 - (p.people / max) * 110).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      role="img"
      aria-label={`People present on ${participation.date}, at most ${max}`}
      viewBox="0 0 600 124"
      width="100%"
    >
      <title>People present on {participation.date}</title>
      <path d={path} fill="none" stroke="#f08c00" strokeWidth="2" />
    </svg>
  );
};

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

/** The organizers' analytics: the registration funnel, sessions, popularity and today's participation. */
export const ConferenceAnalyticsPage = ({ orgId, conferenceId }: Props) => {
  const nav = useConferenceNav(orgId, conferenceId);
  useTitle('Event analytics');
  const params = useMemo(() => ({ orgId, conferenceId }), [orgId, conferenceId]);
  const [analytics, setAnalytics] = useState<Analytics | null>(null);
  const [participation, setParticipation] = useState<Participation | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () => {
      Promise.all([
        call(analyticsRoutes.getAnalytics, { params }),
        call(analyticsRoutes.getParticipation, { params, query: {} }),
      ])
        .then(([overview, live]) => {
          setAnalytics(overview);
          setParticipation(live);
        })
        .catch((caught: unknown) => setFailure(errorMessage(caught)));
    };
    refresh();
    // Real-time participation: the counters move as heartbeats arrive.
    const timer = setInterval(refresh, 30_000);
    return () => clearInterval(timer);
  }, [params]);

  return (
    <AppShell area="Event" nav={nav}>
      <h1>Analytics</h1>
      <FormAlert title={failure ?? undefined} />
      {analytics ? (
        <>
          <section className="card">
            <h2>Registrations</h2>
            <BarChart
              title="Registration funnel"
              rows={[
                { label: 'Invited', value: analytics.funnel.invited },
                { label: 'Registered', value: analytics.funnel.registered },
                { label: 'Attended', value: analytics.funnel.attended },
                { label: 'Engaged', value: analytics.funnel.engaged },
              ]}
            />
          </section>
          {participation ? (
            <section className="card">
              <h2>
                Participation on {participation.date} ({participation.timeZone}): {participation.now} present
                now
              </h2>
              <ParticipationChart participation={participation} />
            </section>
          ) : null}
          <section className="card">
            <h2>Most popular sessions</h2>
            <BarChart
              title="Viewers per session"
              rows={analytics.popular.map((item) => ({
                label: item.title.slice(0, 22),
                value: item.viewers,
              }))}
            />
          </section>
          <section className="card">
            <h2>Sessions</h2>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void downloadAnalyticsCsv(params, 'items')}
            >
              Export sessions CSV
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void downloadAnalyticsCsv(params, 'attendees')}
            >
              Export attendee engagement CSV
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void downloadAnalyticsCsv(params, 'days')}
            >
              Export days CSV
            </button>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Start ({analytics.timeZone})</th>
                  <th scope="col">Viewers</th>
                  <th scope="col">Visits</th>
                  <th scope="col">Watched</th>
                </tr>
              </thead>
              <tbody>
                {analytics.items.map((item) => (
                  <tr key={item.itemId}>
                    <td>{item.title}</td>
                    <td>{item.start.replace('T', ' ')}</td>
                    <td>{item.viewers}</td>
                    <td>{item.joins}</td>
                    <td>{minutes(item.watchSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <NetworkingAnalytics orgId={orgId} conferenceId={conferenceId} />
        </>
      ) : (
        <p role="status">Loading analytics…</p>
      )}
    </AppShell>
  );
};
