import { useEffect, useMemo, useState } from 'react';
import { chatStatsRoutes, type NetworkingStatsView } from '../../../shared/chat/stats-contracts';
import { call, errorMessage } from '../lib/api';
import { downloadNetworkingCsv } from '../lib/conference-exports';
import { BarChart } from './bar-chart';
import { FormAlert } from './form-alert';

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

/** Chat activity of the event, from counters kept as messages are posted: rooms, days, people. */
export const NetworkingAnalytics = ({ orgId, conferenceId }: Props) => {
  const params = useMemo(() => ({ orgId, conferenceId }), [orgId, conferenceId]);
  const [stats, setStats] = useState<NetworkingStatsView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () =>
      call(chatStatsRoutes.getNetworking, { params })
        .then(setStats)
        .catch((caught: unknown) => setFailure(errorMessage(caught)));
    void refresh();
    const timer = setInterval(refresh, 30_000);
    return () => clearInterval(timer);
  }, [params]);

  return (
    <section className="card" aria-labelledby="networking-heading">
      <h2 id="networking-heading">Networking</h2>
      <FormAlert title={failure ?? undefined} />
      {stats ? (
        <>
          <p>
            {stats.messages} chat messages · {stats.connections} connections made
          </p>
          <h3>Most active rooms</h3>
          <BarChart
            title="Messages per room"
            rows={stats.rooms.slice(0, 8).map((room) => ({
              key: room.roomId,
              label: room.name.slice(0, 22),
              value: room.messages,
            }))}
          />
          <h3>Messages per day (UTC)</h3>
          <BarChart
            title="Messages per day"
            rows={stats.days.map((day) => ({ label: day.date, value: day.messages }))}
          />
          <h3>Most active people</h3>
          <BarChart
            title="Messages per person"
            rows={stats.people.map((person) => ({
              key: person.userId,
              label: person.name.slice(0, 22),
              value: person.messages,
            }))}
          />
          {(['rooms', 'days', 'people'] as const).map((table) => (
            <button
              key={table}
              type="button"
              className="button button--quiet"
              onClick={() => void downloadNetworkingCsv(params, table)}
            >
              Export {table} CSV
            </button>
          ))}
        </>
      ) : (
        <p role="status">Loading networking…</p>
      )}
    </section>
  );
};
